namespace Toki.Calls.Domain;

/// <summary>
/// The authoritative timer, computed from the record at a given instant. Connected time is kept within
/// [0, limit] and sums saturate, so a damaged record (a huge or negative <c>activeMs</c>) cannot overflow the
/// remaining time or the bill.
/// </summary>
public static class CallClock
{
    public static long LimitMs(CallRecord call) => Math.Max(0, call.DurationLimitSec) * 1000L;

    /// <summary>Connected time at <paramref name="now"/>, never below 0 nor beyond the limit.</summary>
    public static long ActiveMsAt(CallRecord call, DateTimeOffset now)
    {
        var running = call.LastResumedAt is { } resumed && now > resumed ? (long)(now - resumed).TotalMilliseconds : 0;
        var limit = LimitMs(call);
        var accumulated = Math.Clamp(call.ActiveMs, 0, limit);
        return running >= limit - accumulated ? limit : accumulated + running;
    }

    public static long RemainingMs(CallRecord call, DateTimeOffset now) => LimitMs(call) - ActiveMsAt(call, now);

    /// <summary>The wire's <c>remainingTime</c>: whole seconds, rounded up.</summary>
    public static int RemainingSeconds(CallRecord call, DateTimeOffset now) => (int)((RemainingMs(call, now) + 999) / 1000);
}
