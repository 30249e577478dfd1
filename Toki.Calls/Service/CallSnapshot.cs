using Toki.Calls.Domain;

namespace Toki.Calls.Service;

/// <summary>
/// The public view of a call that participants see: the record's public fields (not the rate, the interruption's
/// origin, who ended it) with the connected time and <see cref="RemainingTime"/> computed when it was made.
/// </summary>
public sealed record CallSnapshot
{
    public required string CallId { get; init; }

    public required CallParty Caller { get; init; }

    public required CallParty Callee { get; init; }

    public required string CallerId { get; init; }

    public required string CalleeId { get; init; }

    public required CallType Type { get; init; }

    public required CallStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? EndReason { get; init; }

    public required int DurationLimitSec { get; init; }

    public required long ActiveMs { get; init; }

    public DateTimeOffset? LastResumedAt { get; init; }

    public required IReadOnlyList<string> JoinedUserIds { get; init; }

    public required IReadOnlyList<string> InterruptedUserIds { get; init; }

    public required IReadOnlyList<string> RejoinedUserIds { get; init; }

    public required IReadOnlyDictionary<string, DateTimeOffset> RejoinDeadlines { get; init; }

    public DateTimeOffset? RejoinDeadline { get; init; }

    public DateTimeOffset? RingDeadline { get; init; }

    public DateTimeOffset? ConnectDeadline { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public required long HoldCoins { get; init; }

    public required long CoinsCharged { get; init; }

    public required int BilledSeconds { get; init; }

    public DateTimeOffset? SettledAt { get; init; }

    public required long Version { get; init; }

    public required int RemainingTime { get; init; }
}
