using System.Diagnostics.CodeAnalysis;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;

namespace Toki.Server.Wire;

/// <summary>
/// The payload of every server → client event (§4 of protocol.md), property by property in wire order. Written
/// camelCase; null values are written as null.
/// </summary>
[SuppressMessage("Design", "CA1034:Nested types should not be visible", Justification = "One place for every event shape.")]
internal static class EventPayloads
{
    /// <summary><c>call:state</c></summary>
    public sealed record State(CallSnapshot? Call, StateYou? You);

    /// <summary>The <c>you</c> of <c>call:state</c>.</summary>
    public sealed record StateYou(bool Away, bool CanRejoin, DateTimeOffset? RejoinDeadline);

    /// <summary><c>call:incoming</c></summary>
    public sealed record Incoming(string CallId, string CallerId, CallParty Caller, CallType Type, DateTimeOffset? ExpiresAt);

    /// <summary><c>call:ringing</c></summary>
    public sealed record Ringing(string CallId, string CalleeId, DateTimeOffset? ExpiresAt);

    /// <summary><c>call:proceed</c>; <c>role</c> is <c>caller</c> or <c>callee</c>.</summary>
    public sealed record Proceed(string CallId, string Role, CallType Type, int DurationLimit, int RemainingTime, MediaCredentials Media);

    /// <summary><c>call:started</c></summary>
    public sealed record Started(string CallId, DateTimeOffset? StartedAt, int RemainingTime);

    /// <summary><c>call:interrupted</c></summary>
    public sealed record Interrupted(string CallId, int RemainingTime, DateTimeOffset RejoinDeadline, bool CanRejoin);

    /// <summary><c>call:peer-interrupted</c></summary>
    public sealed record PeerInterrupted(string CallId, string UserId, int RemainingTime, DateTimeOffset RejoinDeadline);

    /// <summary><c>call:rejoined</c></summary>
    public sealed record Rejoined(string CallId, CallStatus Status, MediaCredentials Media, int RemainingTime);

    /// <summary><c>call:peer-rejoined</c></summary>
    public sealed record PeerRejoined(string CallId, string UserId, CallStatus Status, int RemainingTime);

    /// <summary><c>call:peer-resumed</c></summary>
    public sealed record PeerResumed(string CallId, string UserId, bool Initiator);

    /// <summary><c>call:time-warning</c></summary>
    public sealed record TimeWarning(string CallId, int RemainingTime);

    /// <summary><c>call:ended</c></summary>
    public sealed record Ended(string CallId, CallStatus Status, string? Reason, int BilledSeconds, long CoinsCharged, DateTimeOffset? EndedAt);

    /// <summary><c>call:clear-all</c></summary>
    public sealed record ClearAll(string? CallId, string? Reason);

    /// <summary><c>wallet:updated</c></summary>
    public sealed record Wallet(long Coins, long HeldCoins, long Earnings);
}
