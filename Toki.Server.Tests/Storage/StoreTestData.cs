using Toki.Calls.Domain;

namespace Toki.Server.Tests.Storage;

/// <summary>Records for the storage tests. Every time is on a whole millisecond unless a test says otherwise.</summary>
internal static class StoreTestData
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_123);

    public static readonly CallStatus[] LiveStatuses = [CallStatus.Pending, CallStatus.Accepted, CallStatus.Active, CallStatus.Interrupted];

    public static readonly CallStatus[] TerminalStatuses = [CallStatus.Ended, CallStatus.Missed, CallStatus.Rejected, CallStatus.Cancelled];

    public static readonly CallStatus[] AllStatuses = Enum.GetValues<CallStatus>();

    public static DateTimeOffset At(double seconds) => T0.AddMilliseconds(Math.Round(seconds * 1000));

    public static UserRecord User(string id, long coins = 100) => new() { Id = id, Name = $"Name of {id}", Coins = coins };

    /// <summary>A call with only the required fields set.</summary>
    public static CallRecord Call(string id, string callerId, string calleeId, CallStatus status = CallStatus.Pending,
        DateTimeOffset? createdAt = null, long version = 1) => new()
    {
        Id = id,
        CallerId = callerId,
        CalleeId = calleeId,
        CallerName = $"Name of {callerId}",
        CalleeName = $"Name of {calleeId}",
        Type = CallType.Audio,
        Status = status,
        CreatedAt = createdAt ?? T0,
        DurationLimitSec = 300,
        RatePerMinute = 10,
        Version = version,
    };

    /// <summary>A call with every field set to a distinct value.</summary>
    public static CallRecord FullCall(string id, string callerId, string calleeId, CallStatus status) => new()
    {
        Id = id,
        CallerId = callerId,
        CalleeId = calleeId,
        CallerName = "Ålice \"the caller\"",
        CalleeName = "Bob 🎧",
        Type = CallType.Video,
        Status = status,
        CreatedAt = At(1.001),
        AcceptedAt = At(2.002),
        StartedAt = At(3.003),
        EndedAt = At(304.004),
        EndReason = "hung_up",
        EndedBy = calleeId,
        DurationLimitSec = 299,
        RatePerMinute = 13,
        ActiveMs = 123_456_789_012,
        LastResumedAt = At(5.005),
        JoinedUserIds = [calleeId, callerId],
        InterruptedUserIds = [callerId],
        RejoinedUserIds = [calleeId],
        RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [callerId] = At(20.020), [calleeId] = At(21.021) },
        InterruptedFrom = CallStatus.Active,
        RingDeadline = At(21.001),
        ConnectDeadline = At(31.002),
        EndsAt = At(300.005),
        HoldCoins = 50,
        CoinsCharged = 49,
        BilledSeconds = 293,
        SettledAt = At(304.005),
        Version = 7,
    };

    public static LedgerEntry Entry(string callId, LedgerKind kind, string userId, long amount, DateTimeOffset at) =>
        new(callId, kind, userId, amount, at);

    /// <summary>The instant as a store keeps it: whole milliseconds.</summary>
    public static DateTimeOffset Milliseconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
