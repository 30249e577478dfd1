namespace Toki.Calls.Domain;

/// <summary>The authoritative timer, computed from the record at a given instant.</summary>
public static class CallClock
{
    public static long LimitMs(CallRecord call) => call.DurationLimitSec * 1000L;

    /// <summary>Connected time at <paramref name="now"/>, never beyond the limit.</summary>
    public static long ActiveMsAt(CallRecord call, DateTimeOffset now)
    {
        var running = call.LastResumedAt is { } resumed && now > resumed ? (long)(now - resumed).TotalMilliseconds : 0;
        return Math.Min(call.ActiveMs + running, LimitMs(call));
    }

    public static long RemainingMs(CallRecord call, DateTimeOffset now) => Math.Max(0, LimitMs(call) - ActiveMsAt(call, now));

    /// <summary>The wire's <c>remainingTime</c>: whole seconds, rounded up.</summary>
    public static int RemainingSeconds(CallRecord call, DateTimeOffset now) => (int)((RemainingMs(call, now) + 999) / 1000);
}
