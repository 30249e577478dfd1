namespace Toki.Calls.Domain;

/// <summary>
/// The contract's billing arithmetic, in one place. All amounts are whole coins. Every function is total over its
/// input types: products are formed in 128 bits and results saturate at their type's range, so no balance, rate or
/// duration, however extreme, can wrap around (a wrapped limit of 0 would end a paid call at once).
/// </summary>
public static class Billing
{
    /// <summary>min(maximum, floor(coins × 60 / rate)) seconds; 0 for no coins or a negative balance.</summary>
    public static int DurationLimitSeconds(long coins, int ratePerMinute, TimeSpan maxDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratePerMinute, 1);
        var affordable = (Int128)coins * 60 / ratePerMinute;
        var maximum = Math.Clamp((long)maxDuration.TotalSeconds, 0, int.MaxValue);
        return (int)Int128.Clamp(affordable, 0, maximum);
    }

    /// <summary>What the limit costs, moved from coins to heldCoins at accept: ceil(limit × rate / 60).</summary>
    public static long HoldFor(int limitSeconds, int ratePerMinute) => CeilDiv((Int128)limitSeconds * ratePerMinute, 60);

    /// <summary>ceil(connected ms / 1000), at most <see cref="int.MaxValue"/>.</summary>
    public static int BilledSeconds(long activeMs) => (int)Math.Min(CeilDiv(activeMs, 1000), int.MaxValue);

    /// <summary>ceil(billedSeconds × rate / 60).</summary>
    public static long Cost(int billedSeconds, int ratePerMinute) => CeilDiv((Int128)billedSeconds * ratePerMinute, 60);

    private static long CeilDiv(Int128 value, long divisor) =>
        value <= 0 ? 0 : (long)Int128.Min(((value - 1) / divisor) + 1, long.MaxValue);
}
