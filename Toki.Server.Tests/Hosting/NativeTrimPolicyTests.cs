using NUnit.Framework;
using Toki.Server.Hosting.Memory;

namespace Toki.Server.Tests.Hosting;

[TestFixture]
[Category(TestCategories.Unit)]
public sealed class NativeTrimPolicyTests
{
    [TestCase(0L, 0L, false, TestName = "Nothing compiled: nothing to give back")]
    [TestCase(63L, 0L, false, TestName = "Fewer than 64 methods since the last trim are not worth it")]
    [TestCase(64L, 0L, true, TestName = "64 methods, and the JIT quiet: trim")]
    [TestCase(500L, 8L, true, TestName = "Eight methods in an interval is still quiet")]
    [TestCase(500L, 9L, false, TestName = "Nine is not: the JIT is still at work")]
    [TestCase(3000L, 900L, false, TestName = "A burst being compiled never trims")]
    public void TrimsOnceTheJitHasGoneQuietAfterABatch(long compiledSinceTrim, long compiledInInterval, bool trim) =>
        Assert.That(NativeTrimPolicy.ShouldTrim(compiledSinceTrim, compiledInInterval), Is.EqualTo(trim));

    [Test]
    public void TrimmingTheCHeapWorksOnThisPlatform()
    {
        // glibc's malloc_trim says whether it released anything, which depends on the heap; it must be callable here
        // (Linux, glibc) and do nothing elsewhere.
        Assert.DoesNotThrow(() => NativeHeapTrim.TryTrim());
        if (OperatingSystem.IsLinux())
        {
            Assert.That(NativeHeapTrim.IsAvailable, Is.True, "malloc_trim was not found in libc");
        }
    }
}
