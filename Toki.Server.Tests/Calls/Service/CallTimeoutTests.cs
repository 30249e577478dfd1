using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Fakes;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>§7 timers on the manual clock: ring, connect, duration limit and rejoin window, with the exact notifications and billing.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallTimeoutTests
{
    [Test]
    public async Task RequestAndAcceptSendExactlyTheContractsEvents()
    {
        using var h = new CallServiceHarness();
        await h.ConnectAsync(Alice, "s-a1");
        await h.ConnectAsync(Bob, "s-b1");
        await h.ConnectAsync(Bob, "s-b2");
        h.Notifier.Clear();

        var id = await h.RingAsync();
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $"join s-a1 {id}",
            $$"""user bob call:incoming {"callId":"{{id}}","callerId":"alice","caller":{"id":"alice","name":"Alice"},"type":"video","expiresAt":"{{Stamp(20)}}"}""",
            $$"""user alice call:ringing {"callId":"{{id}}","calleeId":"bob","expiresAt":"{{Stamp(20)}}"}""",
        }));

        h.Notifier.Clear();
        await h.AdvanceAsync(2);
        var ack = await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b2"));

        Assert.That(ack.Ok, Is.True);
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $"join s-b2 {id}",
            $$"""socket s-a1 call:proceed {"callId":"{{id}}","role":"caller","type":"video","durationLimit":300,"remainingTime":300,"media":{{MediaJson("alice", true)}}}""",
            $$"""socket s-b2 call:proceed {"callId":"{{id}}","role":"callee","type":"video","durationLimit":300,"remainingTime":300,"media":{{MediaJson("bob", false)}}}""",
            $$"""user alice call:clear-all {"callId":"{{id}}","reason":"answered_elsewhere"} except s-a1,s-b2""",
            $$"""user bob call:clear-all {"callId":"{{id}}","reason":"answered_elsewhere"} except s-a1,s-b2""",
            Wallet(Alice, 50, 50, 0),
        }));
        Assert.That((h.Store.User(Alice).IsOnCall, h.Store.User(Alice).CurrentCallId, h.Store.User(Bob).CurrentCallId), Is.EqualTo((true, id, id)));
    }

    [Test]
    public async Task RingTimeoutMissesTheCallAt20Seconds()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        h.Notifier.Clear();

        await h.AdvanceAsync(19.999);
        Assert.That((h.State(id), h.Notifier.Lines.Count), Is.EqualTo(("pending", 0)));

        await h.AdvanceAsync(0.001);
        Assert.That(h.State(id), Is.EqualTo("missed no_answer"));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"leave s-a1 {id}" }.Concat(EndedLines(id, "missed", "no_answer", 0, 0, 20))));
        Assert.That(h.Store.Ledger(id), Is.Empty);
        Assert.That(new[] { h.Store.User(Alice).IsOnCall, h.Store.User(Bob).IsOnCall }, Is.All.False);
    }

    [Test]
    public async Task ConnectTimeoutEnds30SecondsAfterTheAcceptAndReleasesTheHold()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.AdvanceAsync(2);
        await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));
        await h.CommandAsync(id, new CallCommand.Joined(Bob));
        h.Notifier.Clear();

        await h.AdvanceAsync(29.999);
        Assert.That((h.State(id), h.Notifier.Lines.Count), Is.EqualTo(("accepted", 0)));

        await h.AdvanceAsync(0.001);
        Assert.That(h.State(id), Is.EqualTo("ended connect_timeout"));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"leave s-a1 {id}", $"leave s-b1 {id}" }
            .Concat(EndedLines(id, "ended", "connect_timeout", 0, 0, 32)).Append(Wallet(Alice, 100, 0, 0))));
        Assert.That(h.Store.Ledger(id), Is.EqualTo(new[]
        {
            new LedgerEntry(id, LedgerKind.Hold, Alice, 50, Start.AddSeconds(2)),
            new LedgerEntry(id, LedgerKind.Release, Alice, 50, Start.AddSeconds(32)),
        }));
    }

    [Test]
    public async Task DurationLimitCompletesTheCallAndBillsTheWholeLimit()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        h.Notifier.Clear();

        await h.AdvanceAsync(240);
        await h.AdvanceAsync(59.999);
        Assert.That(h.State(id), Is.EqualTo("active"));
        await h.AdvanceAsync(0.001);

        Assert.That(h.State(id), Is.EqualTo("ended completed"));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $$"""room-here {{id}} call:time-warning {"callId":"{{id}}","remainingTime":60}""",
            $"leave s-a1 {id}", $"leave s-b1 {id}",
        }.Concat(EndedLines(id, "ended", "completed", 300, 50, 303)).Append(Wallet(Alice, 50, 0, 0)).Append(Wallet(Bob, 0, 0, 50))));
        var end = Start.AddSeconds(303);
        Assert.That(h.Store.Ledger(id), Is.EqualTo(new[]
        {
            new LedgerEntry(id, LedgerKind.Hold, Alice, 50, Start.AddSeconds(2)),
            new LedgerEntry(id, LedgerKind.Release, Alice, 50, end),
            new LedgerEntry(id, LedgerKind.Charge, Alice, 50, end),
            new LedgerEntry(id, LedgerKind.Earn, Bob, 50, end),
        }));
        var (alice, bob) = (h.Store.User(Alice), h.Store.User(Bob));
        Assert.That((alice.Coins, alice.HeldCoins, alice.IsOnCall, bob.Earnings, bob.IsOnCall), Is.EqualTo((50L, 0L, false, 50L, false)));
    }

    [Test]
    public async Task RejoinWindowPassingEndsTheCallAndBillsOnlyTheTalk()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(100);
        h.Notifier.Clear();

        var ack = await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        Assert.That(ack.Ok, Is.True);
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $"leave s-a1 {id}",
            $$"""user alice call:interrupted {"callId":"{{id}}","remainingTime":200,"rejoinDeadline":"{{Stamp(118)}}","canRejoin":true}""",
            $$"""socket s-b1 call:peer-interrupted {"callId":"{{id}}","userId":"alice","remainingTime":200,"rejoinDeadline":"{{Stamp(118)}}"}""",
        }));
        h.Notifier.Clear();

        await h.AdvanceAsync(14.999);
        Assert.That((h.State(id), h.Notifier.Lines.Count), Is.EqualTo(("interrupted", 0)));
        await h.AdvanceAsync(0.001);

        Assert.That(h.State(id), Is.EqualTo("ended rejoin_timeout"));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"leave s-b1 {id}" }
            .Concat(EndedLines(id, "ended", "rejoin_timeout", 100, 17, 118)).Append(Wallet(Alice, 83, 0, 0)).Append(Wallet(Bob, 0, 0, 17))));
    }

    [Test]
    public async Task ARejoinInTimeResumesAndTellsBothSides()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(100);
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        await h.AdvanceAsync(14.999);
        h.Notifier.Clear();

        var ack = await h.RejoinAsync(Alice, "s-a1", id);

        var rejoined = (CallResult.Rejoined)ack;
        Assert.That((ack.Ok, FakeMediaCredentialsProvider.Label(rejoined.Media), rejoined.RemainingTime, Snapshot(ack).Status),
            Is.EqualTo((true, "webrtc:alice:initiator", 200, CallStatus.Active)));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $"join s-a1 {id}",
            $$"""socket s-a1 call:rejoined {"callId":"{{id}}","status":"active","media":{{MediaJson("alice", true)}},"remainingTime":200}""",
            $$"""socket s-b1 call:peer-rejoined {"callId":"{{id}}","userId":"alice","status":"active","remainingTime":200}""",
        }));
        await h.AdvanceAsync(199.999);
        Assert.That(h.State(id), Is.EqualTo("active"));
        await h.AdvanceAsync(0.001);
        Assert.That((h.State(id), h.Store.Call(id).BilledSeconds), Is.EqualTo(("ended completed", 300)));
    }
}
