using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>Hard ends from every live status: the exact ledger entries, user patches, effects and settled record.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class SettlementTests
{
    private static readonly CallEffect Disband = new CallEffect.DisbandCallRoom();
    private static readonly CallEffect Ended = new CallEffect.Notify(CallNoticeKind.Ended);
    private static readonly CallEffect CallerWallet = new CallEffect.Notify(CallNoticeKind.WalletUpdated, Caller);
    private static readonly CallEffect CalleeWallet = new CallEffect.Notify(CallNoticeKind.WalletUpdated, Callee);
    private static readonly UserPatch[] Freed = [new(Caller, CallId, OnCall: false), new(Callee, CallId, OnCall: false)];

    private static TestCaseData Row(string name, CallRecord call, CallCommand command, double at, string outcome, int billed, long charged,
        LedgerEntry[] ledger, UserPatch[] users, CallEffect[] effects, long? callerCoins = 100) =>
        new TestCaseData(call, command, at, callerCoins, outcome, billed, charged, ledger, users, effects).SetName(name);

    private static LedgerEntry L(LedgerKind kind, string user, long amount, double at) => new(CallId, kind, user, amount, At(at));

    private static UserPatch[] Settled(long hold, long cost) =>
        [new(Caller, CallId, CoinsDelta: hold - cost, HeldDelta: -hold, OnCall: false), new(Callee, CallId, EarningsDelta: cost, OnCall: false)];

    private static IEnumerable<TestCaseData> Cases()
    {
        var due = new CallCommand.DeadlinesDue();
        yield return Row("pending, cancelled", Pending(), new CallCommand.Cancel(Caller), 0, "cancelled cancelled", 0, 0,
            [], Freed, [Disband, Ended]);
        yield return Row("pending, ring timeout", Pending() with { RingDeadline = T0 }, due, 0, "missed no_answer", 0, 0,
            [], Freed, [Disband, Ended]);
        yield return Row("pending, cleared by the callee", Pending(), new CallCommand.ClearAll(Callee), 0, "rejected cleared", 0, 0,
            [], Freed, [Disband, Ended]);
        yield return Row("pending, accepted without coins for a minute", Pending(), new CallCommand.Accept(Callee, "s"), 0,
            "cancelled insufficient_coins, error insufficient_coins", 0, 0, [], Freed, [Disband, Ended], callerCoins: 9);
        yield return Row("pending, accepted without any coin record", Pending(), new CallCommand.Accept(Callee, "s"), 0,
            "cancelled insufficient_coins, error insufficient_coins", 0, 0, [], Freed, [Disband, Ended], callerCoins: null);
        yield return Row("accepted, ended permanently", Accepted(), new CallCommand.End(Callee, true), 2, "ended hung_up", 0, 0,
            [L(LedgerKind.Release, Caller, 50, 2)], Settled(50, 0), [Disband, Ended, CallerWallet]);
        yield return Row("accepted, connect timeout", Accepted() with { ConnectDeadline = T0 }, due, 0, "ended connect_timeout", 0, 0,
            [L(LedgerKind.Release, Caller, 50, 0)], Settled(50, 0), [Disband, Ended, CallerWallet]);
        yield return Row("active, hung up after 61.5 s", Active(), new CallCommand.End(Caller, true), 1.5, "ended hung_up", 62, 11,
            [L(LedgerKind.Release, Caller, 50, 1.5), L(LedgerKind.Charge, Caller, 11, 1.5), L(LedgerKind.Earn, Callee, 11, 1.5)],
            Settled(50, 11), [Disband, Ended, CallerWallet, CalleeWallet]);
        yield return Row("active, completed", ActiveWithRemaining(0), due, 0, "ended completed", 300, 50,
            [L(LedgerKind.Release, Caller, 50, 0), L(LedgerKind.Charge, Caller, 50, 0), L(LedgerKind.Earn, Callee, 50, 0)],
            Settled(50, 50), [Disband, Ended, CallerWallet, CalleeWallet]);
        yield return Row("active, disconnected with 10 s left", ActiveWithRemaining(10_000), new CallCommand.UserGone(Callee), 0,
            "ended disconnected", 290, 49,
            [L(LedgerKind.Release, Caller, 50, 0), L(LedgerKind.Charge, Caller, 49, 0), L(LedgerKind.Earn, Callee, 49, 0)],
            Settled(50, 49), [Disband, Ended, CallerWallet, CalleeWallet]);
        yield return Row("active, completed at 7 coins a minute", ActiveWithRemaining(0) with
            {
                RatePerMinute = 7, DurationLimitSec = 111, HoldCoins = 13, ActiveMs = 111_000,
            }, due, 0, "ended completed", 111, 13,
            [L(LedgerKind.Release, Caller, 13, 0), L(LedgerKind.Charge, Caller, 13, 0), L(LedgerKind.Earn, Callee, 13, 0)],
            Settled(13, 13), [Disband, Ended, CallerWallet, CalleeWallet]);
        yield return Row("interrupted, rejoin timeout", Interrupted(), due, 10, "ended rejoin_timeout", 55, 10,
            [L(LedgerKind.Release, Caller, 50, 10), L(LedgerKind.Charge, Caller, 10, 10), L(LedgerKind.Earn, Callee, 10, 10)],
            Settled(50, 10), [Disband, Ended, CallerWallet, CalleeWallet]);
        yield return Row("interrupted, cleared by the present side", Interrupted(), new CallCommand.ClearAll(Caller), 3, "ended cleared", 55, 10,
            [L(LedgerKind.Release, Caller, 50, 3), L(LedgerKind.Charge, Caller, 10, 3), L(LedgerKind.Earn, Callee, 10, 3)],
            Settled(50, 10), [Disband, Ended, CallerWallet, CalleeWallet]);
    }

    [TestCaseSource(nameof(Cases))]
    public void HardEnd(CallRecord call, CallCommand command, double at, long? callerCoins, string outcome, int billed, long charged,
        LedgerEntry[] ledger, UserPatch[] users, CallEffect[] effects)
    {
        var result = CallTransitions.Apply(call, command, Context(at, callerCoins: callerCoins));

        Assert.That(Outcome.Describe(result), Is.EqualTo(outcome));
        var next = result.Next!;
        Assert.That((next.BilledSeconds, next.CoinsCharged), Is.EqualTo((billed, charged)));
        Assert.That(next.CoinsCharged, Is.LessThanOrEqualTo(next.HoldCoins), "cost never exceeds the hold");
        Assert.That(result.Ledger, Is.EqualTo(ledger));
        Assert.That(result.Users, Is.EqualTo(users));
        Assert.That(result.Effects, Is.EqualTo(effects));
        Assert.That((next.EndedAt, next.SettledAt), Is.EqualTo((At(at), At(at))));
        Assert.That(new[] { next.RingDeadline, next.ConnectDeadline, next.EndsAt, next.LastResumedAt, next.RejoinDeadline }, Is.All.Null);
        Assert.That(next.InterruptedUserIds, Is.Empty);
        Assert.That(result.Ledger.Select(entry => entry.Key), Is.Unique);
    }

    [Test]
    public void LedgerKeysNameTheCallAndTheStep()
    {
        Assert.That(new[] { LedgerKind.Hold, LedgerKind.Release, LedgerKind.Charge, LedgerKind.Earn }.Select(kind => L(kind, Caller, 1, 0).Key),
            Is.EqualTo(new[] { "call-1:hold", "call-1:release", "call-1:charge", "call-1:earn" }));
    }

    [TestCase(100, 10, 300, 50, TestName = "coins above the maximum: the limit is the maximum")]
    [TestCase(49, 10, 294, 49, TestName = "coins below the maximum: the limit is what they pay for")]
    [TestCase(10, 10, 60, 10, TestName = "exactly one minute")]
    [TestCase(13, 7, 111, 13, TestName = "a rate that does not divide 60")]
    public void AcceptFixesTheLimitAndHoldsItsCost(long coins, int rate, int limit, long hold)
    {
        var result = CallTransitions.Apply(Pending() with { RatePerMinute = rate }, new CallCommand.Accept(Callee, "s-b"),
            Context(1, callerCoins: coins));

        Assert.That((result.Next!.Status, result.Next.DurationLimitSec, result.Next.HoldCoins), Is.EqualTo((CallStatus.Accepted, limit, hold)));
        Assert.That((result.Next.AcceptedAt, result.Next.ConnectDeadline, result.Next.RingDeadline), Is.EqualTo((At(1), At(31), (DateTimeOffset?)null)));
        Assert.That(result.Ledger, Is.EqualTo(new[] { L(LedgerKind.Hold, Caller, hold, 1) }));
        Assert.That(result.Users, Is.EqualTo(new[] { new UserPatch(Caller, CallId, CoinsDelta: -hold, HeldDelta: hold) }));
    }
}
