using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// Two things racing for one call end it or change it exactly once: one success, the other the documented
/// error, one set of ledger entries. Each race runs many times on the thread pool to meet both orders.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class RaceTests
{
    private const int Rounds = 25;

    private static string Outcome(CallResult ack) => ack.Ok ? "ok" : ack.Error!.Code;

    [Test]
    public async Task TwoTabsAcceptingAtOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            await h.ConnectAsync(Bob, "s-b2");
            var id = await h.RingAsync();
            h.Notifier.Clear();

            var tabs = round % 2 == 0 ? new[] { "s-b1", "s-b2" } : ["s-b2", "s-b1"];
            var acks = await Task.WhenAll(tabs.Select(tab => Task.Run(() => h.CommandAsync(id, new CallCommand.Accept(Bob, tab))))).DefaultTimeout();

            Assert.That(acks.Select(Outcome), Is.EquivalentTo(new[] { "ok", "invalid_state" }), $"round {round}");
            var winner = acks[0].Ok ? tabs[0] : tabs[1];
            Assert.That(h.Store.Ledger(id).Select(entry => entry.Kind), Is.EqualTo(new[] { LedgerKind.Hold }));
            Assert.That(h.Store.User(Alice).HeldCoins, Is.EqualTo(50));
            Assert.That(h.Service.ResolveRelay(id, Alice).PeerSocketId, Is.EqualTo(winner));
            Assert.That(h.Notifier.Sent("call:proceed").Select(line => line.Split(' ')[1]), Is.EqualTo(new[] { "s-a1", winner }));
        }
    }

    [Test]
    public async Task TwoRejoinsFromTwoTabsAtOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            var id = await h.ActiveCallAsync();
            await h.ConnectAsync(Alice, "s-a2");
            await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));

            var tabs = round % 2 == 0 ? new[] { "s-a1", "s-a2" } : ["s-a2", "s-a1"];
            var acks = await Task.WhenAll(tabs.Select(tab => Task.Run(() => h.RejoinAsync(Alice, tab, id)))).DefaultTimeout();

            Assert.That(acks.Select(Outcome), Is.EquivalentTo(new[] { "ok", "rejoin_used" }), $"round {round}");
            var winner = acks[0].Ok ? tabs[0] : tabs[1];
            Assert.That((h.State(id), h.Store.Call(id).RejoinedUserIds.Count), Is.EqualTo(("active", 1)));
            Assert.That(h.Service.ResolveRelay(id, Bob).PeerSocketId, Is.EqualTo(winner));
            Assert.That(h.Logger.Named("RejoinOutcome").Select(record => record.Fields()["Outcome"]), Is.EquivalentTo(new[] { "rejoined", "rejoin_used" }));
        }
    }

    /// <summary>
    /// The deadline fires and the user acts at the same instant. Racing, either may take the call first (in practice
    /// the command, which takes the lock before the timer action leaves the clock's thread), and the ack must agree
    /// with the ending; with <paramref name="timerFirst"/> the command waits for the timer action.
    /// </summary>
    [TestCase(false, TestName = "A hang-up racing the duration limit")]
    [TestCase(true, TestName = "A hang-up just after the duration limit's timer action")]
    public async Task AHangUpRacingTheDurationLimitEndsTheCallOnce(bool timerFirst)
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            var id = await h.ActiveCallAsync();
            await h.AdvanceAsync(240);
            await h.AdvanceAsync(59.999);
            h.Notifier.Clear();

            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            if (timerFirst)
            {
                await h.Service.WhenIdleAsync().DefaultTimeout();
            }
            var ack = await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true));
            await h.Service.WhenIdleAsync().DefaultTimeout();

            var expected = ack.Ok && !timerFirst ? ("ok", "ended hung_up") : ("call_ended", "ended completed");
            Assert.That((Outcome(ack), h.State(id)), Is.EqualTo(expected), $"round {round}");
            Assert.That(h.Store.Ledger(id).Select(entry => (entry.Kind, entry.Amount)), Is.EqualTo(new[]
            {
                (LedgerKind.Hold, 50L), (LedgerKind.Release, 50L), (LedgerKind.Charge, 50L), (LedgerKind.Earn, 50L),
            }));
            Assert.That(h.Notifier.Sent("call:ended"), Has.Count.EqualTo(2));
            Assert.That((h.Store.User(Alice).Coins, h.Store.User(Bob).Earnings), Is.EqualTo((50L, 50L)));
        }
    }

    [TestCase(false, TestName = "An accept racing the ring deadline")]
    [TestCase(true, TestName = "An accept just after the ring deadline's timer action")]
    public async Task AnAcceptRacingTheRingDeadlineHasOneOutcome(bool timerFirst)
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            var id = await h.RingAsync();
            await h.AdvanceAsync(19.999);

            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            if (timerFirst)
            {
                await h.Service.WhenIdleAsync().DefaultTimeout();
            }
            var ack = await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));
            await h.Service.WhenIdleAsync().DefaultTimeout();

            var expected = ack.Ok && !timerFirst ? ("ok", "accepted", 1) : ("call_ended", "missed no_answer", 0);
            Assert.That((Outcome(ack), h.State(id), h.Store.Ledger(id).Count), Is.EqualTo(expected), $"round {round}");
        }
    }

    [TestCase(false, TestName = "A rejoin racing its deadline")]
    [TestCase(true, TestName = "A rejoin just after its deadline's timer action")]
    public async Task ARejoinRacingItsDeadlineNeverWins(bool timerFirst)
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            var id = await h.ActiveCallAsync();
            await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
            await h.AdvanceAsync(14.999);

            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            if (timerFirst)
            {
                await h.Service.WhenIdleAsync().DefaultTimeout();
            }
            var ack = await h.RejoinAsync(Alice, "s-a1", id);
            await h.Service.WhenIdleAsync().DefaultTimeout();

            Assert.That(Outcome(ack), timerFirst ? Is.EqualTo("call_ended") : Is.AnyOf("rejoin_expired", "call_ended"), $"round {round}");
            Assert.That(h.State(id), Is.EqualTo("ended rejoin_timeout"));
            Assert.That(h.Store.Ledger(id), Has.Count.EqualTo(2), "hold and release: nothing was talked");
        }
    }

    [Test]
    public async Task ASyncRacingTheDurationLimitLeavesNoSocketInTheEndedCallsRoom()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            var id = await h.ActiveCallAsync();
            await h.ConnectAsync(Alice, "s-a2");
            await h.AdvanceAsync(240);
            await h.AdvanceAsync(59.999);

            var sync = Task.Run(() => h.SyncAsync(Alice, "s-a2", id));
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            var ack = await sync;
            await h.Service.WhenIdleAsync().DefaultTimeout();

            Assert.That(h.State(id), Is.EqualTo("ended completed"));
            Assert.That(Outcome(ack), Is.AnyOf("ok", "call_ended"), $"round {round}");
            var members = new HashSet<string>();
            foreach (var line in h.Notifier.Lines.Select(line => line.Split(' ')).Where(parts => parts[0] is "join" or "leave"))
            {
                _ = line[0] == "join" ? members.Add(line[1]) : members.Remove(line[1]);
            }
            Assert.That(members, Is.Empty, $"round {round}: the ended call's room still holds sockets");
        }
    }

    [Test]
    public async Task TwoCallersRingingOneCalleeAtOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var h = new CallServiceHarness();
            await h.ConnectAsync(Alice, "s-a1");
            await h.ConnectAsync(Carol, "s-c1");
            await h.ConnectAsync(Bob, "s-b1");

            var acks = await Task.WhenAll(
                Task.Run(() => h.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Audio, CancellationToken.None)),
                Task.Run(() => h.Service.RequestAsync(Carol, "s-c1", Bob, CallType.Audio, CancellationToken.None))).DefaultTimeout();

            Assert.That(acks.Select(Outcome), Is.EquivalentTo(new[] { "ok", "callee_busy" }), $"round {round}");
            var winner = acks.Single(ack => ack.Ok);
            Assert.That(h.Store.User(Bob).CurrentCallId, Is.EqualTo(Wire.Snapshot(winner).CallId));
            Assert.That(h.Store.User(acks[0].Ok ? Carol : Alice).IsOnCall, Is.False, "the loser is not left marked on a call");
            Assert.That(h.Notifier.Sent("call:incoming"), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task AnotherWriterBetweenLoadAndCommitIsRetriedOnTheNewVersion()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        var interfered = 0;
        h.Store.BeforeCommit = _ =>
        {
            if (Interlocked.Exchange(ref interfered, 1) == 0)
            {
                h.Store.Seed(h.Store.Call(id) with { Version = h.Store.Call(id).Version + 1 });
            }
            return Task.CompletedTask;
        };
        var version = h.Store.Call(id).Version;

        var ack = await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true));

        Assert.That((ack.Ok, h.State(id), h.Store.Call(id).Version), Is.EqualTo((true, "ended hung_up", version + 2)));
        Assert.That(h.Logger.Named("CommitConflict"), Has.Count.EqualTo(1));
        Assert.That(h.Store.Ledger(id).Select(entry => (entry.Kind, entry.Amount)), Is.EqualTo(new[]
        {
            (LedgerKind.Hold, 50L), (LedgerKind.Release, 50L), (LedgerKind.Charge, 2L), (LedgerKind.Earn, 2L),
        }));
    }

    [Test]
    public async Task AnotherWriterEndingTheCallFirstLeavesUsCallEnded()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        var interfered = 0;
        h.Store.BeforeCommit = async _ =>
        {
            if (Interlocked.Exchange(ref interfered, 1) == 0)
            {
                var ended = CallTransitions.Apply(h.Store.Call(id), new CallCommand.End(Bob, Permanent: true),
                    new CallContext(h.Time.GetUtcNow(), h.Settings));
                await h.Store.CommitAsync(new(ended.Next!, h.Store.Call(id).Version, ended.Ledger, ended.Users), CancellationToken.None);
            }
        };

        var ack = await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true));

        Assert.That((Outcome(ack), h.State(id), h.Store.Call(id).EndedBy), Is.EqualTo(("call_ended", "ended hung_up", Bob)));
        Assert.That(h.Store.Ledger(id).Select(entry => (entry.Kind, entry.Amount)), Is.EqualTo(new[]
        {
            (LedgerKind.Hold, 50L), (LedgerKind.Release, 50L), (LedgerKind.Charge, 2L), (LedgerKind.Earn, 2L),
        }));
    }
}
