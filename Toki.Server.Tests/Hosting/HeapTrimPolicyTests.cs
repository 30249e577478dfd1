using NUnit.Framework;
using Toki.Server.Hosting.Memory;

namespace Toki.Server.Tests.Hosting;

[TestFixture]
[Category(TestCategories.Unit)]
public sealed class HeapTrimPolicyTests
{
    private const long MiB = 1024 * 1024;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Cases()
    {
        var fresh = new HeapTrimState(0, 0, null);
        yield return new TestCaseData(fresh, 100 * MiB, false, new HeapTrimState(100 * MiB, 100 * MiB, null))
            .SetName("A busy interval never trims");
        yield return new TestCaseData(new HeapTrimState(100 * MiB, 100 * MiB, null), 2 * MiB, true, new HeapTrimState(0, 0, Now))
            .SetName("Quiet after a burst trims, and starts over");
        yield return new TestCaseData(new HeapTrimState(40 * MiB, 100 * MiB, null), 6 * MiB, false, new HeapTrimState(40 * MiB, 106 * MiB, null))
            .SetName("Above an eighth of the peak is not quiet");
        yield return new TestCaseData(new HeapTrimState(100 * MiB, 100 * MiB, null), 8 * MiB, true, new HeapTrimState(0, 0, Now))
            .SetName("8 MiB in an interval is still quiet");
        yield return new TestCaseData(new HeapTrimState(400 * MiB, 400 * MiB, null), 9 * MiB, false, new HeapTrimState(400 * MiB, 409 * MiB, null))
            .SetName("Above 8 MiB in an interval is not quiet, however busy the burst was");
        yield return new TestCaseData(new HeapTrimState(40 * MiB, 60 * MiB, null), 1 * MiB, false, new HeapTrimState(40 * MiB, 61 * MiB, null))
            .SetName("Less than 64 MiB allocated since the last trim is not worth a collection");
        yield return new TestCaseData(new HeapTrimState(40 * MiB, 63 * MiB, null), 1 * MiB, true, new HeapTrimState(0, 0, Now))
            .SetName("64 MiB allocated is");
        yield return new TestCaseData(new HeapTrimState(100 * MiB, 200 * MiB, Now.AddSeconds(-59)), 0L, false,
                new HeapTrimState(100 * MiB, 200 * MiB, Now.AddSeconds(-59)))
            .SetName("Never two trims within a minute");
        yield return new TestCaseData(new HeapTrimState(100 * MiB, 200 * MiB, Now.AddMinutes(-1)), 0L, true, new HeapTrimState(0, 0, Now))
            .SetName("A minute after the last one it may trim again");
        yield return new TestCaseData(fresh, 0L, false, fresh)
            .SetName("An idle server with nothing allocated stays as it is");
    }

    [TestCaseSource(nameof(Cases))]
    // The states travel as objects: HeapTrimState is internal, a test method's parameters are public.
    public void Decides_from_one_interval_of_allocations(object state, long allocated, bool trim, object next)
    {
        var (actualState, actualTrim) = HeapTrimPolicy.Next((HeapTrimState)state, allocated, Now);
        Assert.That((actualTrim, actualState), Is.EqualTo((trim, next)));
    }
}
