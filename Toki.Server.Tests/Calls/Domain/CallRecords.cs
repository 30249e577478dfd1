using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// One representative record per status, all seen from <see cref="T0"/>: alice calls bob at 10 coins a minute,
/// a 300 s limit held as 50 coins. <see cref="For"/> throws for a status without a fixture, so a new status
/// fails the exhaustive table until it has one.
/// </summary>
internal static class CallRecords
{
    public const string Caller = "alice";
    public const string Callee = "bob";
    public const string Stranger = "carol";
    public const string CallId = "call-1";

    public static readonly DateTimeOffset T0 = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));

    public static CallSettings Settings(Action<CallSettings>? change = null)
    {
        var settings = new CallSettings();
        change?.Invoke(settings);
        return settings;
    }

    public static CallContext Context(double seconds = 0, CallSettings? settings = null, long? callerCoins = 100) =>
        new(At(seconds), settings ?? Settings(), callerCoins);

    /// <summary>Ringing since -5 s, ring deadline at 15 s.</summary>
    public static CallRecord Pending() => new()
    {
        Id = CallId,
        CallerId = Caller,
        CalleeId = Callee,
        CallerName = "Alice",
        CalleeName = "Bob",
        Type = CallType.Video,
        Status = CallStatus.Pending,
        CreatedAt = At(-5),
        RingDeadline = At(15),
        DurationLimitSec = 300,
        RatePerMinute = 10,
        Version = 1,
    };

    /// <summary>Accepted at -5 s, nobody joined yet, connect deadline at 25 s.</summary>
    public static CallRecord Accepted() => Pending() with
    {
        Status = CallStatus.Accepted,
        AcceptedAt = At(-5),
        RingDeadline = null,
        ConnectDeadline = At(25),
        HoldCoins = 50,
        Version = 2,
    };

    /// <summary>Running since -60 s, both joined, 240 s left.</summary>
    public static CallRecord Active() => Accepted() with
    {
        Status = CallStatus.Active,
        StartedAt = At(-60),
        LastResumedAt = At(-60),
        EndsAt = At(240),
        ConnectDeadline = null,
        JoinedUserIds = [Caller, Callee],
        Version = 4,
    };

    /// <summary>An active call with exactly <paramref name="remainingMs"/> left at T0 (resumed at T0).</summary>
    public static CallRecord ActiveWithRemaining(long remainingMs) => Active() with
    {
        ActiveMs = 300_000 - remainingMs,
        LastResumedAt = T0,
        EndsAt = T0 + TimeSpan.FromMilliseconds(remainingMs),
    };

    /// <summary>Bob stepped away at -5 s after 55 s of talk: alice present, bob away until 10 s.</summary>
    public static CallRecord Interrupted() => Active() with
    {
        Status = CallStatus.Interrupted,
        InterruptedFrom = CallStatus.Active,
        ActiveMs = 55_000,
        LastResumedAt = null,
        EndsAt = null,
        JoinedUserIds = [Caller],
        InterruptedUserIds = [Callee],
        RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [Callee] = At(10) },
        Version = 5,
    };

    /// <summary>Both away: bob until 10 s, alice until 12 s.</summary>
    public static CallRecord BothAway() => Interrupted() with
    {
        JoinedUserIds = [],
        InterruptedUserIds = [Callee, Caller],
        RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [Callee] = At(10), [Caller] = At(12) },
        Version = 6,
    };

    public static CallRecord Terminal(CallStatus status, string reason) => Accepted() with
    {
        Status = status,
        EndedAt = At(-1),
        EndReason = reason,
        ConnectDeadline = null,
        SettledAt = At(-1),
        Version = 3,
    };

    public static CallRecord For(CallStatus status) => status switch
    {
        CallStatus.Pending => Pending(),
        CallStatus.Accepted => Accepted(),
        CallStatus.Active => Active(),
        CallStatus.Interrupted => Interrupted(),
        CallStatus.Ended => Terminal(CallStatus.Ended, CallEndReason.HungUp),
        CallStatus.Missed => Terminal(CallStatus.Missed, CallEndReason.NoAnswer),
        CallStatus.Rejected => Terminal(CallStatus.Rejected, CallEndReason.Rejected),
        CallStatus.Cancelled => Terminal(CallStatus.Cancelled, CallEndReason.Cancelled),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No fixture for this status: add one."),
    };
}
