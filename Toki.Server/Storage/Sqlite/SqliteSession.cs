using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// A connection kept open with its commands, each prepared once and reused: parsing and planning a statement
/// costs more than running these small indexed ones, and a pooled connection forgets its statements on every
/// close. Used by one operation at a time (the writer, or a read rented from the factory). The hot statements are
/// kept as <see cref="SqliteRawStatement"/>s, finalized before the connection closes (or goes back to the pool).
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRawStatement> _statements = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The prepared command for <paramref name="sql"/>, with no parameters yet; not to be disposed by the caller.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>The raw prepared statement for <paramref name="sql"/>, reset and unbound; not to be disposed by the caller.</summary>
    public SqliteRawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = SqliteRawStatement.Prepare(Connection, sql);
            _statements[sql] = statement;
        }
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
        _statements.Clear();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        Connection.Dispose();
    }
}
