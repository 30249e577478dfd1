namespace Toki.Calls.Domain;

/// <summary>The contract's billing arithmetic, in one place. All amounts are whole coins.</summary>
public static class Billing
{
    /// <summary>min(maximum, floor(coins × 60 / rate)) seconds.</summary>
    public static int DurationLimitSeconds(long coins, int ratePerMinute, TimeSpan maxDuration) =>
        (int)Math.Max(0, Math.Min((long)maxDuration.TotalSeconds, coins * 60 / ratePerMinute));

    /// <summary>What the limit costs, moved from coins to heldCoins at accept: ceil(limit × rate / 60).</summary>
    public static long HoldFor(int limitSeconds, int ratePerMinute) => CeilDiv((long)limitSeconds * ratePerMinute, 60);

    /// <summary>ceil(connected ms / 1000).</summary>
    public static int BilledSeconds(long activeMs) => (int)CeilDiv(activeMs, 1000);

    /// <summary>ceil(billedSeconds × rate / 60).</summary>
    public static long Cost(int billedSeconds, int ratePerMinute) => CeilDiv((long)billedSeconds * ratePerMinute, 60);

    private static long CeilDiv(long value, long divisor) => value <= 0 ? 0 : ((value - 1) / divisor) + 1;
}
