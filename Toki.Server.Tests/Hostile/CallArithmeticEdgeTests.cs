using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Service;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Billing and timer arithmetic at the edges of their types: balances up to <see cref="long.MaxValue"/> (and below
/// zero), rates up to <see cref="int.MaxValue"/>, limits and connected times far past anything real, damaged records.
/// Nothing may wrap: a wrapped duration limit of 0 would end a paid call as <c>completed</c> the moment it starts.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallArithmeticEdgeTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static IEnumerable<TestCaseData> Limits()
    {
        static TestCaseData Row(long coins, int rate, TimeSpan max, int expected, string name) =>
            new TestCaseData(coins, rate, max).Returns(expected).SetName($"limit: {name}");

        // The first balance whose coins * 60 wraps a long.
        yield return Row(153_722_867_280_912_931, 10, TimeSpan.FromMinutes(5), 300, "153,722,867,280,912,931 coins (coins * 60 overflows)");
        yield return Row(long.MaxValue, 1, TimeSpan.FromMinutes(5), 300, "long.MaxValue coins");
        yield return Row(long.MaxValue, int.MaxValue, Day, 86_400, "long.MaxValue coins at int.MaxValue a minute");
        yield return Row(long.MaxValue, 1, TimeSpan.MaxValue, int.MaxValue, "an unbounded maximum saturates at int.MaxValue seconds");
        yield return Row(int.MaxValue, int.MaxValue, Day, 60, "int.MaxValue coins at int.MaxValue a minute: one minute");
        yield return Row(int.MaxValue - 1L, int.MaxValue, Day, 59, "one coin short of a minute at int.MaxValue a minute");
        yield return Row(1, int.MaxValue, Day, 0, "one coin at int.MaxValue a minute");
        yield return Row(0, 10, TimeSpan.FromMinutes(5), 0, "no coins");
        yield return Row(-1, 10, TimeSpan.FromMinutes(5), 0, "a negative balance");
        yield return Row(long.MinValue, 10, TimeSpan.FromMinutes(5), 0, "long.MinValue coins");
        yield return Row(long.MinValue, int.MaxValue, Day, 0, "long.MinValue coins at int.MaxValue a minute");
        yield return Row(100, 10, TimeSpan.Zero, 0, "a zero maximum");
        yield return Row(100, 10, TimeSpan.FromSeconds(-5), 0, "a negative maximum");
    }

    [TestCaseSource(nameof(Limits))]
    public int DurationLimit(long coins, int rate, TimeSpan max) => Billing.DurationLimitSeconds(coins, rate, max);

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void ARateBelowOneIsRefusedRatherThanDividedBy(int rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Billing.DurationLimitSeconds(100, rate, TimeSpan.FromMinutes(5)));

    private static IEnumerable<TestCaseData> Amounts()
    {
        yield return new TestCaseData((Func<long>)(() => Billing.HoldFor(int.MaxValue, int.MaxValue))).Returns(76_861_433_568_873_677L).SetName("hold: int.MaxValue seconds at int.MaxValue a minute");
        yield return new TestCaseData((Func<long>)(() => Billing.Cost(int.MaxValue, int.MaxValue))).Returns(76_861_433_568_873_677L).SetName("cost: int.MaxValue seconds at int.MaxValue a minute");
        yield return new TestCaseData((Func<long>)(() => Billing.Cost(86_400, int.MaxValue))).Returns(3_092_376_451_680L).SetName("cost: a day at int.MaxValue a minute");
        yield return new TestCaseData((Func<long>)(() => Billing.HoldFor(int.MinValue, 10))).Returns(0L).SetName("hold: a negative limit holds nothing");
        yield return new TestCaseData((Func<long>)(() => Billing.Cost(-1, int.MaxValue))).Returns(0L).SetName("cost: negative seconds cost nothing");
        yield return new TestCaseData((Func<long>)(() => Billing.BilledSeconds(long.MaxValue))).Returns((long)int.MaxValue).SetName("billed: long.MaxValue ms saturates at int.MaxValue s");
        yield return new TestCaseData((Func<long>)(() => Billing.BilledSeconds(2_147_483_647_000L))).Returns((long)int.MaxValue).SetName("billed: int.MaxValue s exactly");
        yield return new TestCaseData((Func<long>)(() => Billing.BilledSeconds(2_147_483_647_001L))).Returns((long)int.MaxValue).SetName("billed: one ms past int.MaxValue s");
        yield return new TestCaseData((Func<long>)(() => Billing.BilledSeconds(long.MinValue))).Returns(0L).SetName("billed: long.MinValue ms is nothing");
    }

    [TestCaseSource(nameof(Amounts))]
    public long Amount(Func<long> compute) => compute();

    [Test]
    public void TheHoldNeverExceedsTheCoinsAndTheWholeLimitCostsExactlyTheHold()
    {
        foreach (var coins in new[] { 1L, 59, 60, 61, int.MaxValue, 153_722_867_280_912_931, long.MaxValue - 1, long.MaxValue })
        {
            foreach (var rate in new[] { 1, 7, 60, 61, 1_000_000, int.MaxValue - 1, int.MaxValue })
            {
                var limit = Billing.DurationLimitSeconds(coins, rate, Day);
                var hold = Billing.HoldFor(limit, rate);
                Assert.That(hold, Is.InRange(0, coins), $"coins {coins}, rate {rate}");
                Assert.That(Billing.Cost(limit, rate), Is.EqualTo(hold), $"coins {coins}, rate {rate}");
            }
        }
    }

    private static IEnumerable<TestCaseData> DamagedClocks()
    {
        static TestCaseData Row(CallRecord call, double at, long activeMs, long remainingMs, string name) =>
            new TestCaseData(call, at, activeMs, remainingMs).SetName($"clock: {name}");

        var running = Active() with { LastResumedAt = T0, ActiveMs = 0, DurationLimitSec = 300 };
        yield return Row(running with { ActiveMs = long.MaxValue }, 10, 300_000, 0, "activeMs long.MaxValue while running");
        yield return Row(running with { ActiveMs = long.MaxValue - 5 }, 10, 300_000, 0, "activeMs just below long.MaxValue");
        yield return Row(running with { ActiveMs = long.MinValue }, 10, 10_000, 290_000, "activeMs long.MinValue counts as none");
        yield return Row(running with { ActiveMs = -5_000 }, 10, 10_000, 290_000, "a negative activeMs counts as none");
        yield return Row(running with { DurationLimitSec = int.MaxValue, ActiveMs = long.MaxValue }, 10, 2_147_483_647_000, 0, "int.MaxValue limit, activeMs long.MaxValue");
        yield return Row(running with { DurationLimitSec = int.MaxValue }, 10, 10_000, 2_147_483_637_000, "int.MaxValue limit, 10 s in");
        yield return Row(running with { DurationLimitSec = -1 }, 10, 0, 0, "a negative limit is no time at all");
        yield return Row(running with { LastResumedAt = DateTimeOffset.MinValue }, 10, 300_000, 0, "resumed at DateTimeOffset.MinValue");
        yield return Row(running with { DurationLimitSec = int.MaxValue, LastResumedAt = DateTimeOffset.MinValue, ActiveMs = long.MaxValue }, 10,
            2_147_483_647_000, 0, "everything at its extreme");
    }

    [TestCaseSource(nameof(DamagedClocks))]
    public void ClockArithmeticSaturates(CallRecord call, double at, long activeMs, long remainingMs)
    {
        Assert.That(CallClock.ActiveMsAt(call, At(at)), Is.EqualTo(activeMs));
        Assert.That(CallClock.RemainingMs(call, At(at)), Is.EqualTo(remainingMs));
        Assert.That(CallClock.RemainingSeconds(call, At(at)), Is.EqualTo((int)((remainingMs + 999) / 1000)));
    }

    [TestCase(long.MaxValue, 76_861_433_568_873_677L, TestName = "a damaged record at its extremes bills the exact cost")]
    [TestCase(50L, 50L, TestName = "a damaged record never bills above its hold")]
    public void AHardEndOfADamagedRecordSettles(long hold, long charged)
    {
        var damaged = Active() with { LastResumedAt = T0, ActiveMs = long.MaxValue, DurationLimitSec = int.MaxValue, RatePerMinute = int.MaxValue, HoldCoins = hold };

        var result = CallTransitions.Apply(damaged, new CallCommand.End(Caller, Permanent: true), Context(1));

        Assert.That(result.Next!.Status, Is.EqualTo(CallStatus.Ended));
        Assert.That((result.Next.BilledSeconds, result.Next.CoinsCharged), Is.EqualTo((int.MaxValue, charged)));
        Assert.That(result.Users[0].CoinsDelta, Is.EqualTo(hold - charged), "the caller gets back what was held and not charged");
    }

    [TestCase("RingTimeout")]
    [TestCase("ConnectTimeout")]
    [TestCase("RejoinWindow")]
    [TestCase("DisconnectGrace")]
    [TestCase("RestartReconnectGrace")]
    [TestCase("SoftEndThreshold")]
    [TestCase("TimeWarning")]
    public void TimersBeyondADayAreRefusedAtStartup(string timer)
    {
        var settings = new CallSettings();
        typeof(CallSettings).GetProperty(timer)!.SetValue(settings, TimeSpan.MaxValue);

        Assert.That(settings.Validate(), Has.Some.Contains("24 hours"), "now + TimeSpan.MaxValue would throw on every call");
    }

    [Test]
    public async Task ACallerWithLongMaxValueCoinsGetsTheFullLimitAndIsChargedOnlyForTheTalk()
    {
        using var h = new CallServiceHarness();
        h.Store.Seed(new UserRecord { Id = CallServiceHarness.Alice, Name = "Alice", Coins = long.MaxValue });
        var id = await h.ActiveCallAsync();

        var accepted = h.Store.Call(id);
        Assert.That((accepted.DurationLimitSec, accepted.HoldCoins), Is.EqualTo((300, 50L)), "the 5-minute maximum, held at 10 coins a minute");
        await h.AdvanceAsync(61);
        Assert.That(h.State(id), Is.EqualTo("active"), "not ended at once");

        var ack = await h.CommandAsync(id, new CallCommand.End(CallServiceHarness.Alice, Permanent: true));

        Assert.That(ack.Ok, Is.True);
        var ended = h.Store.Call(id);
        Assert.That((h.State(id), ended.BilledSeconds, ended.CoinsCharged), Is.EqualTo(("ended hung_up", 61, 11L)));
        Assert.That(h.Store.User(CallServiceHarness.Alice).Coins, Is.EqualTo(long.MaxValue - 11));
        Assert.That(h.Store.User(CallServiceHarness.Bob).Earnings, Is.EqualTo(11));
    }
}
