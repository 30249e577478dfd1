namespace Toki.Server.Storage.Sqlite;

/// <summary>A value to bind to a statement parameter: SQL NULL, an integer or text.</summary>
internal readonly record struct SqliteValue
{
    private SqliteValue(string? text, long integer, bool isInteger)
    {
        Text = text;
        Integer = integer;
        IsInteger = isInteger;
    }

    public static SqliteValue Null => default;

    public string? Text { get; }

    public long Integer { get; }

    public bool IsInteger { get; }

    public bool IsNull => !IsInteger && Text is null;

    public static SqliteValue Of(long value) => new(null, value, isInteger: true);

    public static SqliteValue Of(long? value) => value is { } v ? Of(v) : Null;

    public static SqliteValue Of(string? value) => new(value, 0, isInteger: false);

    /// <summary>A time as the store keeps times (<see cref="SqliteValues.ToMilliseconds"/>).</summary>
    public static SqliteValue Of(DateTimeOffset? value) => value is { } v ? Of(SqliteValues.ToMilliseconds(v)) : Null;
}
