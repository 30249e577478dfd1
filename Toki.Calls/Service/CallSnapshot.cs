namespace Toki.Calls.Service;

/// <summary>
/// What clients receive of a call: the record's public fields, timestamps as ISO-8601 UTC strings, and
/// <see cref="RemainingTime"/> computed at send time. Serialized camelCase.
/// </summary>
public sealed record CallSnapshot
{
    public required string CallId { get; init; }

    public required CallParty Caller { get; init; }

    public required CallParty Callee { get; init; }

    public required string CallerId { get; init; }

    public required string CalleeId { get; init; }

    public required string Type { get; init; }

    public required string Status { get; init; }

    public required string CreatedAt { get; init; }

    public string? AcceptedAt { get; init; }

    public string? StartedAt { get; init; }

    public string? EndedAt { get; init; }

    public string? EndReason { get; init; }

    public required int DurationLimitSec { get; init; }

    public required long ActiveMs { get; init; }

    public string? LastResumedAt { get; init; }

    public required IReadOnlyList<string> JoinedUserIds { get; init; }

    public required IReadOnlyList<string> InterruptedUserIds { get; init; }

    public required IReadOnlyList<string> RejoinedUserIds { get; init; }

    public required IReadOnlyDictionary<string, string> RejoinDeadlines { get; init; }

    public string? RejoinDeadline { get; init; }

    public string? RingDeadline { get; init; }

    public string? ConnectDeadline { get; init; }

    public string? EndsAt { get; init; }

    public required long HoldCoins { get; init; }

    public required long CoinsCharged { get; init; }

    public required int BilledSeconds { get; init; }

    public string? SettledAt { get; init; }

    public required long Version { get; init; }

    public required int RemainingTime { get; init; }
}
