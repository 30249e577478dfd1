namespace Toki.Calls.Domain;

/// <summary>
/// One call as persisted (MongoDB <c>videocalls</c>, SQLite <c>calls</c>). Immutable: transitions return a new
/// record with <see cref="Version"/> one higher, committed with a compare-and-set on the old version.
/// </summary>
public sealed record CallRecord
{
    public required string Id { get; init; }

    public required string CallerId { get; init; }

    public required string CalleeId { get; init; }

    /// <summary>Display names captured when the call was placed (the snapshot's <c>caller.name</c>/<c>callee.name</c>).</summary>
    public required string CallerName { get; init; }

    public required string CalleeName { get; init; }

    public required CallType Type { get; init; }

    public required CallStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? EndReason { get; init; }

    /// <summary>The user whose action ended the call (null for timers).</summary>
    public string? EndedBy { get; init; }

    /// <summary>Provisional while ringing; fixed at accept from the caller's coins.</summary>
    public required int DurationLimitSec { get; init; }

    /// <summary>Coins per minute, fixed when the call is placed.</summary>
    public required int RatePerMinute { get; init; }

    /// <summary>Connected time accumulated up to <see cref="LastResumedAt"/> (pauses and connecting excluded).</summary>
    public long ActiveMs { get; init; }

    /// <summary>When the timer last started or resumed; null while it does not run.</summary>
    public DateTimeOffset? LastResumedAt { get; init; }

    public IReadOnlyList<string> JoinedUserIds { get; init; } = [];

    /// <summary>The users away right now.</summary>
    public IReadOnlyList<string> InterruptedUserIds { get; init; } = [];

    /// <summary>The users who used their one rejoin (history).</summary>
    public IReadOnlyList<string> RejoinedUserIds { get; init; } = [];

    /// <summary>Each away user's rejoin deadline.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> RejoinDeadlines { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>The status an interruption returns to (accepted or active).</summary>
    public CallStatus? InterruptedFrom { get; init; }

    public DateTimeOffset? RingDeadline { get; init; }

    public DateTimeOffset? ConnectDeadline { get; init; }

    /// <summary>When the running timer reaches the limit; null while it does not run.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    public long HoldCoins { get; init; }

    public long CoinsCharged { get; init; }

    public int BilledSeconds { get; init; }

    public DateTimeOffset? SettledAt { get; init; }

    public required long Version { get; init; }

    /// <summary>The earliest rejoin deadline of the away users.</summary>
    public DateTimeOffset? RejoinDeadline => RejoinDeadlines.Count == 0 ? null : RejoinDeadlines.Values.Min();

    /// <summary>
    /// The deadline that ends the call in its status (ring, connect, duration limit, the earliest rejoin), which
    /// <see cref="CallTransitions"/> applies for <see cref="CallCommand.DeadlinesDue"/>; null once it is over. The stores
    /// index it, so that any node can find the calls whose deadline has passed (those of a node that died).
    /// </summary>
    public DateTimeOffset? NextDeadline => Status switch
    {
        CallStatus.Pending => RingDeadline,
        CallStatus.Accepted => ConnectDeadline,
        CallStatus.Active => EndsAt,
        CallStatus.Interrupted => RejoinDeadline,
        _ => null,
    };

    public bool IsParticipant(string userId) => userId == CallerId || userId == CalleeId;

    public string PeerOf(string userId) => userId == CallerId ? CalleeId : CallerId;

    public bool IsAway(string userId) => InterruptedUserIds.Contains(userId);
}
