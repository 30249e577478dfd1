using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>The service's answers to participant actions it refuses or turns into a hard end, and what it writes and sends for them.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallActionTests
{
    private static string Outcome(CallResult ack) => ack.Ok ? "ok" : ack.Error!.Code;

    /// <summary>With <paramref name="ringing"/>, alice is ringing bob first; carol is online unless <paramref name="carolOffline"/>.</summary>
    [TestCase(Alice, Alice, false, false, "self_call", true)]
    [TestCase(Alice, "nobody", false, false, "user_not_found", true)]
    [TestCase(Alice, Carol, false, true, "callee_offline", true)]
    [TestCase("nobody", Bob, false, false, "user_not_found", false, TestName = "an unknown caller is refused before any check (not logged)")]
    [TestCase(Carol, Bob, true, false, "callee_busy", true)]
    [TestCase(Alice, Carol, true, false, "caller_busy", true)]
    public async Task RequestRefusalsWriteAndSendNothing(string caller, string callee, bool ringing, bool carolOffline, string code, bool logged)
    {
        using var h = new CallServiceHarness();
        if (ringing)
        {
            await h.RingAsync();
        }
        await h.ConnectAsync(Carol, "s-c1");
        if (carolOffline)
        {
            h.Disconnect(Carol, "s-c1");
        }
        var commits = h.Store.CommitCount;
        h.Notifier.Clear();

        var ack = await h.Service.RequestAsync(caller, "s-x", callee, CallType.Audio, CancellationToken.None);

        Assert.That(Outcome(ack), Is.EqualTo(code));
        Assert.That((h.Store.CommitCount, h.Notifier.Lines.Count), Is.EqualTo((commits, 0)));
        Assert.That(h.Logger.Named("RequestRefused").Select(record => record.Fields()["Code"]), Is.EqualTo(logged ? new[] { code } : []));
    }

    [Test]
    public async Task AcceptWhenTheCallersCoinsNoLongerCoverAMinuteCancelsTheCall()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.Store.SetCoinsAsync(Alice, 9, CancellationToken.None);
        await h.AdvanceAsync(4);
        h.Notifier.Clear();

        var ack = await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));

        Assert.That((Outcome(ack), h.State(id)), Is.EqualTo(("insufficient_coins", "cancelled insufficient_coins")));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"leave s-a1 {id}" }.Concat(EndedLines(id, "cancelled", "insufficient_coins", 0, 0, 4))));
        Assert.That(h.Store.Ledger(id), Is.Empty);
        Assert.That((h.Store.User(Alice).Coins, h.Store.User(Alice).IsOnCall, h.Store.User(Bob).IsOnCall), Is.EqualTo((9L, false, false)));
    }

    [Test]
    public async Task AcceptFixesTheLimitFromTheCoinsAtThatMoment()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.Store.SetCoinsAsync(Alice, 13, CancellationToken.None);

        await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));

        Assert.That((h.Store.Call(id).DurationLimitSec, h.Store.Call(id).HoldCoins), Is.EqualTo((78, 13L)));
        Assert.That((h.Store.User(Alice).Coins, h.Store.User(Alice).HeldCoins), Is.EqualTo((0L, 13L)));
        Assert.That(h.Notifier.Sent("wallet:updated"), Is.EqualTo(new[] { Wallet(Alice, 0, 13, 0) }));
    }

    [TestCase("no-such-call", Alice, "call_not_found")]
    [TestCase(null, Carol, "not_participant")]
    public async Task ActionsOnSomeoneElsesOrNoCall(string? callId, string user, string code)
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        var commits = h.Store.CommitCount;

        var ack = await h.CommandAsync(callId ?? id, new CallCommand.End(user, Permanent: true));

        Assert.That((Outcome(ack), h.Store.CommitCount, h.State(id)), Is.EqualTo((code, commits, "active")));
    }

    [Test]
    public async Task AnyActionOnAnEndedCallAnswersCallEnded()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true));

        var acks = new[]
        {
            await h.CommandAsync(id, new CallCommand.Joined(Bob)),
            await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: false)),
            await h.RejoinAsync(Bob, "s-b1", id),
            await h.SyncAsync(Bob, "s-b1", id),
            await h.Service.RenewMediaAsync(Bob, id, CancellationToken.None),
        };

        Assert.That(acks.Select(Outcome), Is.All.EqualTo("call_ended"));
    }
}
