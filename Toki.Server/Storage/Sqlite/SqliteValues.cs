using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>How values are stored: times as unix milliseconds (finer ticks dropped), id sets and maps as JSON.</summary>
internal static class SqliteValues
{
    public static long ToMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? ReadNullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static string? ReadNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;

    public static string ToJson(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids);

    public static IReadOnlyList<string> ReadIds(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal))
        ?? throw new InvalidDataException($"Column {reader.GetName(ordinal)} holds JSON null.");

    public static string ToJson(IReadOnlyDictionary<string, DateTimeOffset> deadlines) =>
        JsonSerializer.Serialize(deadlines.ToDictionary(pair => pair.Key, pair => pair.Value.ToUnixTimeMilliseconds()));

    public static IReadOnlyDictionary<string, DateTimeOffset> ReadDeadlines(SqliteDataReader reader, int ordinal) =>
        (JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(ordinal))
            ?? throw new InvalidDataException($"Column {reader.GetName(ordinal)} holds JSON null."))
        .ToDictionary(pair => pair.Key, pair => DateTimeOffset.FromUnixTimeMilliseconds(pair.Value));
}
