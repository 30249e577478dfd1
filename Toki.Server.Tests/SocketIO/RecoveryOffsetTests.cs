using NUnit.Framework;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>Recovery offsets: a server's counter or a cluster stream's entry id, in canonical form only.</summary>
[Category(TestCategories.Unit)]
public sealed class RecoveryOffsetTests
{
    [TestCase("0", 0L, -1L)]
    [TestCase("42", 42L, -1L)]
    [TestCase("1718000000000-0", 1718000000000L, 0L)]
    [TestCase("1718000000000-17", 1718000000000L, 17L)]
    [TestCase("0-1", 0L, 1L)]
    public void ParsesAndPrintsTheSameText(string text, long major, long minor)
    {
        Assert.That(RecoveryOffset.TryParse(text, out var offset), Is.True);
        Assert.That((offset.Major, offset.Minor), Is.EqualTo((major, minor)));
        Assert.That(offset.ToString(), Is.EqualTo(text));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("-")]
    [TestCase("01")]
    [TestCase("1-01")]
    [TestCase("1-")]
    [TestCase("-1")]
    [TestCase("1-2-3")]
    [TestCase("+1")]
    [TestCase(" 1")]
    [TestCase("1.5")]
    [TestCase("99999999999999999999")]
    [TestCase("abc")]
    public void RefusesWhatIsNotCanonical(string? text)
    {
        Assert.That(RecoveryOffset.TryParse(text, out _), Is.False);
    }
}
