using Microsoft.Data.Sqlite;
using Toki.Calls.Domain;
using static Toki.Server.Storage.Sqlite.SqliteValues;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// Rows to records and back; the ordinals follow the column lists in <see cref="SqliteCallQueries"/>. The hot writes'
/// parameters are built by <see cref="SqliteRowParameters"/>.
/// </summary>
internal static class SqliteRows
{
    public static CallRecord ReadCall(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        CallerId = r.GetString(1),
        CalleeId = r.GetString(2),
        CallerName = r.GetString(3),
        CalleeName = r.GetString(4),
        Type = ParseType(r.GetString(5)),
        Status = CallStatusExtensions.ParseWire(r.GetString(6)),
        CreatedAt = ReadTime(r, 7),
        AcceptedAt = ReadNullableTime(r, 8),
        StartedAt = ReadNullableTime(r, 9),
        EndedAt = ReadNullableTime(r, 10),
        EndReason = ReadNullableString(r, 11),
        EndedBy = ReadNullableString(r, 12),
        DurationLimitSec = r.GetInt32(13),
        RatePerMinute = r.GetInt32(14),
        ActiveMs = r.GetInt64(15),
        LastResumedAt = ReadNullableTime(r, 16),
        JoinedUserIds = ReadIds(r, 17),
        InterruptedUserIds = ReadIds(r, 18),
        RejoinedUserIds = ReadIds(r, 19),
        RejoinDeadlines = ReadDeadlines(r, 20),
        InterruptedFrom = r.IsDBNull(21) ? null : CallStatusExtensions.ParseWire(r.GetString(21)),
        RingDeadline = ReadNullableTime(r, 22),
        ConnectDeadline = ReadNullableTime(r, 23),
        EndsAt = ReadNullableTime(r, 24),
        HoldCoins = r.GetInt64(25),
        CoinsCharged = r.GetInt64(26),
        BilledSeconds = r.GetInt32(27),
        SettledAt = ReadNullableTime(r, 28),
        Version = r.GetInt64(29),
    };

    /// <summary>A user from a raw statement's current row (the hot lookup of every call step).</summary>
    public static UserRecord ReadUser(SqliteRawStatement r) => new()
    {
        Id = r.ColumnRequiredText(0),
        Name = r.ColumnRequiredText(1),
        Coins = r.ColumnInt64(2),
        HeldCoins = r.ColumnInt64(3),
        Earnings = r.ColumnInt64(4),
        IsOnCall = r.ColumnInt64(5) != 0,
        CurrentCallId = r.ColumnText(6),
    };

    public static void BindUser(SqliteCommand command, UserRecord user)
    {
        var p = command.Parameters;
        p.AddWithValue("@id", user.Id);
        p.AddWithValue("@name", user.Name);
        p.AddWithValue("@coins", user.Coins);
        p.AddWithValue("@heldCoins", user.HeldCoins);
        p.AddWithValue("@earnings", user.Earnings);
        p.AddWithValue("@isOnCall", user.IsOnCall ? 1 : 0);
        p.AddWithValue("@currentCallId", OrNull(user.CurrentCallId));
    }

    public static LedgerEntry ReadLedger(SqliteDataReader r) =>
        new(r.GetString(0), ParseKind(r.GetString(1)), r.GetString(2), r.GetInt64(3), ReadTime(r, 4));

    public static string TypeToWire(CallType type) => type switch
    {
        CallType.Audio => "audio",
        CallType.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static CallType ParseType(string value) => value switch
    {
        "audio" => CallType.Audio,
        "video" => CallType.Video,
        _ => throw new InvalidDataException($"Unknown call type '{value}'."),
    };

    public static string KindToWire(LedgerKind kind) => kind switch
    {
        LedgerKind.Hold => "hold",
        LedgerKind.Release => "release",
        LedgerKind.Charge => "charge",
        LedgerKind.Earn => "earn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static LedgerKind ParseKind(string value) => value switch
    {
        "hold" => LedgerKind.Hold,
        "release" => LedgerKind.Release,
        "charge" => LedgerKind.Charge,
        "earn" => LedgerKind.Earn,
        _ => throw new InvalidDataException($"Unknown ledger kind '{value}'."),
    };
}
