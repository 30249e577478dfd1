using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.Calls.Fakes;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary><c>call:time-warning</c>: to the call sockets, once, 60 s before the end; none when the limit is 60 s or less.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class TimeWarningTests
{
    private static string Warning(string id) => $$"""room-here {{id}} call:time-warning {"callId":"{{id}}","remainingTime":60}""";

    [Test]
    public async Task ExactlyOnce60SecondsBeforeTheEnd()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        h.Notifier.Clear();

        await h.AdvanceAsync(239.999);
        Assert.That(h.Notifier.Sent("call:time-warning"), Is.Empty);
        await h.AdvanceAsync(0.001);
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { Warning(id) }));
        await h.AdvanceAsync(60);

        Assert.That(h.State(id), Is.EqualTo("ended completed"));
        Assert.That(h.Notifier.Sent("call:time-warning"), Is.EqualTo(new[] { Warning(id) }));
    }

    [TestCase(10, 60, null, TestName = "a 60 s limit has no warning")]
    [TestCase(11, 66, 6.0, TestName = "a 66 s limit warns 6 s in")]
    public async Task OnlyWhenTheLimitIsLongerThan60Seconds(long coins, int limit, double? warnAfter)
    {
        var store = new InMemoryCallStore();
        store.Seed(new UserRecord { Id = Alice, Name = "Alice", Coins = coins });
        store.Seed(new UserRecord { Id = Bob, Name = "Bob" });
        using var h = new CallServiceHarness(store: store);
        var id = await h.ActiveCallAsync();
        Assert.That(h.Store.Call(id).DurationLimitSec, Is.EqualTo(limit));
        h.Notifier.Clear();

        if (warnAfter is { } at)
        {
            await h.AdvanceAsync(at - 0.001);
            Assert.That(h.Notifier.Sent("call:time-warning"), Is.Empty);
            await h.AdvanceAsync(0.001);
            Assert.That(h.Notifier.Sent("call:time-warning"), Is.EqualTo(new[] { Warning(id) }));
        }
        await h.AdvanceAsync(limit - (warnAfter ?? 0));

        Assert.That(h.State(id), Is.EqualTo("ended completed"));
        Assert.That(h.Notifier.Sent("call:time-warning"), Has.Count.EqualTo(warnAfter is null ? 0 : 1));
    }

    [Test]
    public async Task APauseMovesTheWarning()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(100);
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        await h.AdvanceAsync(10);
        await h.RejoinAsync(Alice, "s-a1", id);
        h.Notifier.Clear();

        await h.AdvanceAsync(130);
        Assert.That(h.Notifier.Sent("call:time-warning"), Is.Empty, "the old warning time (240 s of talk would have been 10:04:03) is gone");
        await h.AdvanceAsync(9.999);
        Assert.That(h.Notifier.Sent("call:time-warning"), Is.Empty);
        await h.AdvanceAsync(0.001);
        Assert.That(h.Notifier.Sent("call:time-warning"), Is.EqualTo(new[] { Warning(id) }));
        await h.AdvanceAsync(60);
        Assert.That((h.State(id), h.Store.Call(id).BilledSeconds), Is.EqualTo(("ended completed", 300)));
        Assert.That(h.Notifier.Sent("call:time-warning"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task NoSecondWarningAfterAResumeWithLessThanAMinuteLeft()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(240);
        await h.AdvanceAsync(5);
        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: false));
        await h.AdvanceAsync(5);
        await h.RejoinAsync(Bob, "s-b1", id);

        await h.AdvanceAsync(55);

        Assert.That(h.State(id), Is.EqualTo("ended completed"));
        Assert.That(h.Notifier.Sent("call:time-warning"), Is.EqualTo(new[] { Warning(id) }));
    }
}
