using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallIdsTests
{
    private static readonly byte[] SomeRandom = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab];

    [TestCase("1970-01-01T00:00:00Z", "000000000000" + "0123456789ab")]
    [TestCase("1970-01-01T00:00:00.255Z", "0000000000ff" + "0123456789ab")]
    [TestCase("2026-12-07T09:30:00Z", "01a24fd6b1c0" + "0123456789ab")]
    public void The_id_is_the_creation_time_in_milliseconds_then_the_random_bytes(string at, string expected)
    {
        Assert.That(CallIds.Create(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), SomeRandom), Is.EqualTo(expected));
    }

    [Test]
    public void Ids_of_later_calls_sort_after_earlier_ones_whatever_their_random_bytes()
    {
        var start = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 200).Select(i => CallIds.New(start.AddMilliseconds(i * 7))).ToList();

        Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(ids, Is.All.Match("^[0-9a-f]{24}$"));
    }

    [Test]
    public void Ids_of_one_millisecond_differ()
    {
        var now = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

        Assert.That(Enumerable.Range(0, 1000).Select(_ => CallIds.New(now)), Is.Unique);
    }

    [Test]
    public void Ids_made_on_several_threads_in_one_millisecond_differ()
    {
        // Each thread draws its random bytes in batches of its own: many batches on four threads, none repeated.
        var now = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        var threads = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () => Enumerable.Range(0, 500).Select(_ => CallIds.New(now)).ToList(), TaskCreationOptions.LongRunning)).ToArray();

        Assert.That(threads.SelectMany(thread => thread.Result), Is.Unique);
    }

    [Test]
    public void Times_a_call_id_cannot_hold_and_a_wrong_random_length_are_refused()
    {
        Assert.That(() => CallIds.Create(DateTimeOffset.UnixEpoch.AddMilliseconds(-1), SomeRandom), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => CallIds.Create(DateTimeOffset.UnixEpoch, new byte[5]), Throws.ArgumentException);
    }
}
