using System.Diagnostics.CodeAnalysis;
using Toki.Calls.Domain;

namespace Toki.Server.Wire;

/// <summary>
/// The bodies of the admin API (§12 of protocol.md, "Admin API"), property by property in wire order, and the data the
/// Admin UI shows for a socket. Names are unique across the wire payloads: the source-generated context keys on them.
/// </summary>
[SuppressMessage("Design", "CA1034:Nested types should not be visible", Justification = "One place for every admin body shape.")]
internal static class AdminPayloads
{
    /// <summary>The admin user: the <c>/api/me</c> fields and whether the user has a socket on this server.</summary>
    public sealed record AdminUser(string UserId, string Name, long Coins, long HeldCoins, long Earnings, bool IsOnCall, string? CurrentCallId,
        bool Online);

    /// <summary>A participant as the AdminCall shows it.</summary>
    public sealed record AdminParty(string UserId, string Name);

    /// <summary>One milestone of <c>statusHistory</c>; <c>at</c> is null for an interruption in progress.</summary>
    public sealed record AdminStatusMilestone(CallStatus Status, DateTimeOffset? At);

    /// <summary>The AdminCall's <c>deadlines</c>; <c>rejoin</c> maps each away user to their deadline.</summary>
    public sealed record AdminDeadlines(DateTimeOffset? Ring, DateTimeOffset? Connect, DateTimeOffset? EndsAt, IReadOnlyDictionary<string, DateTimeOffset> Rejoin);

    /// <summary>The AdminCall's <c>timer</c>; the last two are computed when the body is made.</summary>
    public sealed record AdminTimer(int DurationLimit, long ActiveMs, DateTimeOffset? LastResumedAt, long ActiveMsNow, int RemainingTime);

    /// <summary>The AdminCall's <c>billing</c>.</summary>
    public sealed record AdminBilling(int RatePerMinute, long HoldCoins, int BilledSeconds, long CoinsCharged, DateTimeOffset? SettledAt);

    /// <summary>The AdminCall: the whole stored record.</summary>
    public sealed record AdminCall(
        string CallId,
        CallType Type,
        CallStatus Status,
        AdminParty Caller,
        AdminParty Callee,
        IReadOnlyList<AdminStatusMilestone> StatusHistory,
        DateTimeOffset CreatedAt,
        DateTimeOffset? AcceptedAt,
        DateTimeOffset? StartedAt,
        DateTimeOffset? EndedAt,
        string? EndReason,
        string? EndedBy,
        IReadOnlyList<string> JoinedUserIds,
        IReadOnlyList<string> InterruptedUserIds,
        CallStatus? InterruptedFrom,
        IReadOnlyList<string> RejoinedUserIds,
        AdminDeadlines Deadlines,
        AdminTimer Timer,
        AdminBilling Billing,
        long Version);

    /// <summary><c>/api/admin/calls</c>: a page of AdminCalls, newest first.</summary>
    public sealed record AdminCallPage(IReadOnlyList<AdminCall> Calls, string? NextCursor);

    /// <summary>One ledger entry; <c>kind</c> is <c>hold</c>, <c>release</c>, <c>charge</c> or <c>earn</c>.</summary>
    public sealed record AdminLedgerEntry(string Key, string Kind, string UserId, long Amount, DateTimeOffset At);

    /// <summary><c>/api/admin/calls/{id}/ledger</c></summary>
    public sealed record AdminLedger(string CallId, IReadOnlyList<AdminLedgerEntry> Entries);

    /// <summary>
    /// The <c>data</c> of a call socket outside its server: in the Socket.IO Admin UI, and in the session and
    /// <c>fetchSockets</c> answers the other servers of a cluster read (CallSocketSessionJsonConverter).
    /// </summary>
    public sealed record AdminUISocketData(string UserId);
}
