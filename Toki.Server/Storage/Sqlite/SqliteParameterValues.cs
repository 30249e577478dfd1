namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// The values of named parameters, computed before a write is queued (wire strings, JSON, milliseconds), so the
/// writer thread only binds them. <see cref="Names"/> is a shared array per kind of row: a statement resolves it
/// to parameter indexes once (<see cref="SqliteRawStatement.Bind(SqliteParameterValues)"/>).
/// </summary>
internal sealed class SqliteParameterValues
{
    public SqliteParameterValues(string[] names)
    {
        Names = names;
        Values = new SqliteValue[names.Length];
    }

    public string[] Names { get; }

    public SqliteValue[] Values { get; }

    public SqliteValue this[int position]
    {
        get => Values[position];
        set => Values[position] = value;
    }
}
