using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>§8 arithmetic: limit = min(max, floor(coins × 60 / rate)), hold = ceil(limit × rate / 60), billed = ceil(ms / 1000), cost = ceil(billed × rate / 60).</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class BillingTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [TestCase(10, 10, 300, ExpectedResult = 60)]
    [TestCase(9, 10, 300, ExpectedResult = 54)]
    [TestCase(49, 10, 300, ExpectedResult = 294)]
    [TestCase(50, 10, 300, ExpectedResult = 300)]
    [TestCase(51, 10, 300, ExpectedResult = 300)]
    [TestCase(1000, 10, 300, ExpectedResult = 300)]
    [TestCase(13, 7, 300, ExpectedResult = 111)]
    [TestCase(7, 7, 300, ExpectedResult = 60)]
    [TestCase(1, 1, 300, ExpectedResult = 60)]
    [TestCase(0, 10, 300, ExpectedResult = 0)]
    [TestCase(100, 10, 30, ExpectedResult = 30)]
    [TestCase(10_000_000_000L, 10, 86_400, ExpectedResult = 86_400)]
    public int DurationLimitSeconds(long coins, int rate, int maxSeconds) =>
        Billing.DurationLimitSeconds(coins, rate, TimeSpan.FromSeconds(maxSeconds));

    [TestCase(300, 10, ExpectedResult = 50)]
    [TestCase(294, 10, ExpectedResult = 49)]
    [TestCase(111, 7, ExpectedResult = 13)]
    [TestCase(60, 7, ExpectedResult = 7)]
    [TestCase(30, 10, ExpectedResult = 5)]
    [TestCase(7, 10, ExpectedResult = 2)]
    [TestCase(6, 10, ExpectedResult = 1)]
    [TestCase(1, 10, ExpectedResult = 1)]
    [TestCase(0, 10, ExpectedResult = 0)]
    public long HoldFor(int limitSeconds, int rate) => Billing.HoldFor(limitSeconds, rate);

    [TestCase(0, ExpectedResult = 0)]
    [TestCase(1, ExpectedResult = 1)]
    [TestCase(999, ExpectedResult = 1)]
    [TestCase(1000, ExpectedResult = 1)]
    [TestCase(1001, ExpectedResult = 2)]
    [TestCase(59_999, ExpectedResult = 60)]
    [TestCase(180_500, ExpectedResult = 181)]
    [TestCase(300_000, ExpectedResult = 300)]
    public int BilledSeconds(long activeMs) => Billing.BilledSeconds(activeMs);

    [TestCase(0, 10, ExpectedResult = 0)]
    [TestCase(1, 10, ExpectedResult = 1)]
    [TestCase(6, 10, ExpectedResult = 1)]
    [TestCase(7, 10, ExpectedResult = 2)]
    [TestCase(60, 10, ExpectedResult = 10)]
    [TestCase(101, 10, ExpectedResult = 17)]
    [TestCase(181, 10, ExpectedResult = 31)]
    [TestCase(111, 7, ExpectedResult = 13)]
    [TestCase(59, 1, ExpectedResult = 1)]
    [TestCase(61, 1, ExpectedResult = 2)]
    public long Cost(int billedSeconds, int rate) => Billing.Cost(billedSeconds, rate);

    /// <summary>Every affordable balance at every rate up to 30: the hold fits the coins and no billable time costs more than the hold.</summary>
    [Test]
    public void TheHoldFitsTheCoinsAndCoversEveryBillableSecond()
    {
        for (var rate = 1; rate <= 30; rate++)
        {
            for (long coins = rate; coins <= rate * 12L; coins++)
            {
                var limit = Billing.DurationLimitSeconds(coins, rate, FiveMinutes);
                var hold = Billing.HoldFor(limit, rate);
                Assert.That(hold, Is.LessThanOrEqualTo(coins), $"rate {rate}, coins {coins}");
                Assert.That(limit, Is.InRange(60, 300), $"rate {rate}, coins {coins}");
                for (var billed = 0; billed <= limit; billed++)
                {
                    Assert.That(Billing.Cost(billed, rate), Is.LessThanOrEqualTo(hold), $"rate {rate}, coins {coins}, billed {billed}");
                }
                Assert.That(Billing.Cost(limit, rate), Is.EqualTo(hold), $"the whole limit costs exactly the hold (rate {rate}, coins {coins})");
            }
        }
    }
}
