using Toki.Calls.Domain;
using static Toki.Server.Storage.Sqlite.SqliteValues;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// The parameters of the hot writes (a call, a ledger entry, a user patch), built on the caller's thread before the
/// write is queued, so the group commit's one writer thread spends its time only binding and stepping.
/// </summary>
internal static class SqliteRowParameters
{
    /// <summary>
    /// Every call column, <c>@dueAt</c> (<see cref="CallRecord.NextDeadline"/>) and <c>@expectedVersion</c> (the compare-and-set's;
    /// NULL for an insert). A statement binds the ones it names.
    /// </summary>
    public static readonly string[] CallNames =
    [
        "@id", "@callerId", "@calleeId", "@callerName", "@calleeName", "@type", "@status", "@createdAt", "@acceptedAt",
        "@startedAt", "@endedAt", "@endReason", "@endedBy", "@durationLimitSec", "@ratePerMinute", "@activeMs",
        "@lastResumedAt", "@joinedUserIds", "@interruptedUserIds", "@rejoinedUserIds", "@rejoinDeadlines",
        "@interruptedFrom", "@ringDeadline", "@connectDeadline", "@endsAt", "@holdCoins", "@coinsCharged",
        "@billedSeconds", "@settledAt", "@version", "@dueAt", "@expectedVersion",
    ];

    public static readonly string[] LedgerNames = ["@key", "@callId", "@kind", "@userId", "@amount", "@at"];

    public static readonly string[] PatchNames = ["@id", "@callId", "@coinsDelta", "@heldDelta", "@earningsDelta", "@onCall"];

    public static SqliteParameterValues Call(CallRecord call, long? expectedVersion)
    {
        var p = new SqliteParameterValues(CallNames);
        var i = 0;
        p[i++] = SqliteValue.Of(call.Id);
        p[i++] = SqliteValue.Of(call.CallerId);
        p[i++] = SqliteValue.Of(call.CalleeId);
        p[i++] = SqliteValue.Of(call.CallerName);
        p[i++] = SqliteValue.Of(call.CalleeName);
        p[i++] = SqliteValue.Of(SqliteRows.TypeToWire(call.Type));
        p[i++] = SqliteValue.Of(call.Status.ToWire());
        p[i++] = SqliteValue.Of(call.CreatedAt);
        p[i++] = SqliteValue.Of(call.AcceptedAt);
        p[i++] = SqliteValue.Of(call.StartedAt);
        p[i++] = SqliteValue.Of(call.EndedAt);
        p[i++] = SqliteValue.Of(call.EndReason);
        p[i++] = SqliteValue.Of(call.EndedBy);
        p[i++] = SqliteValue.Of(call.DurationLimitSec);
        p[i++] = SqliteValue.Of(call.RatePerMinute);
        p[i++] = SqliteValue.Of(call.ActiveMs);
        p[i++] = SqliteValue.Of(call.LastResumedAt);
        p[i++] = SqliteValue.Of(ToJson(call.JoinedUserIds));
        p[i++] = SqliteValue.Of(ToJson(call.InterruptedUserIds));
        p[i++] = SqliteValue.Of(ToJson(call.RejoinedUserIds));
        p[i++] = SqliteValue.Of(ToJson(call.RejoinDeadlines));
        p[i++] = SqliteValue.Of(call.InterruptedFrom?.ToWire());
        p[i++] = SqliteValue.Of(call.RingDeadline);
        p[i++] = SqliteValue.Of(call.ConnectDeadline);
        p[i++] = SqliteValue.Of(call.EndsAt);
        p[i++] = SqliteValue.Of(call.HoldCoins);
        p[i++] = SqliteValue.Of(call.CoinsCharged);
        p[i++] = SqliteValue.Of(call.BilledSeconds);
        p[i++] = SqliteValue.Of(call.SettledAt);
        p[i++] = SqliteValue.Of(call.Version);
        p[i++] = SqliteValue.Of(call.NextDeadline);
        p[i] = SqliteValue.Of(expectedVersion);
        return p;
    }

    public static SqliteParameterValues Ledger(LedgerEntry entry)
    {
        var p = new SqliteParameterValues(LedgerNames);
        p[0] = SqliteValue.Of(entry.Key);
        p[1] = SqliteValue.Of(entry.CallId);
        p[2] = SqliteValue.Of(SqliteRows.KindToWire(entry.Kind));
        p[3] = SqliteValue.Of(entry.UserId);
        p[4] = SqliteValue.Of(entry.Amount);
        p[5] = SqliteValue.Of(entry.At);
        return p;
    }

    /// <summary>@onCall: 1 claims the user for the call, 0 frees it, NULL leaves the flag alone.</summary>
    public static SqliteParameterValues Patch(UserPatch patch)
    {
        var p = new SqliteParameterValues(PatchNames);
        p[0] = SqliteValue.Of(patch.UserId);
        p[1] = SqliteValue.Of(patch.CallId);
        p[2] = SqliteValue.Of(patch.CoinsDelta);
        p[3] = SqliteValue.Of(patch.HeldDelta);
        p[4] = SqliteValue.Of(patch.EarningsDelta);
        p[5] = patch.OnCall is { } onCall ? SqliteValue.Of(onCall ? 1 : 0) : SqliteValue.Null;
        return p;
    }
}
