using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// One statement prepared once on a connection through SQLitePCL.raw (the layer Microsoft.Data.Sqlite sits on):
/// parameters bound by index, stepped, then reset and cleared, with no per-execution parameter objects, name
/// lookups or data reader. For the writer's hot statements, where Microsoft.Data.Sqlite's per-execution work was
/// most of a write's cost, and for the reads of every call step (a user). Errors surface as the <see cref="SqliteException"/> Microsoft.Data.Sqlite would throw.
/// One user at a time; disposed (finalized) before its connection closes.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private const int MaxStackText = 1024;

    private readonly sqlite3 _database;
    private sqlite3_stmt? _statement;
    private string[]? _resolvedNames;
    private int[] _resolvedIndexes = [];

    private SqliteRawStatement(sqlite3 database, sqlite3_stmt statement)
    {
        _database = database;
        _statement = statement;
    }

    public static SqliteRawStatement Prepare(SqliteConnection connection, string sql)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, database);
        }
        return new SqliteRawStatement(database, statement ?? throw new ArgumentException("No statement in the SQL.", nameof(sql)));
    }

    /// <summary>The 1-based index of <paramref name="name"/> (with its <c>@</c>), or 0 when the statement has no such parameter.</summary>
    public int ParameterIndex(string name) => raw.sqlite3_bind_parameter_index(Handle, name);

    public void Bind(int index, SqliteValue value)
    {
        if (index == 0)
        {
            return;
        }
        var rc = value switch
        {
            { IsInteger: true } => raw.sqlite3_bind_int64(Handle, index, value.Integer),
            // An empty span would reach SQLite as a null pointer, which binds NULL rather than ''.
            { Text: { Length: 0 } } => raw.sqlite3_bind_text(Handle, index, ""),
            { Text: { } text } => BindUtf8(index, text),
            _ => raw.sqlite3_bind_null(Handle, index),
        };
        Check(rc);
    }

    // SQLite keeps text as UTF-8 (the file's encoding): text bound as UTF-16 was converted again inside SQLite on every use.
    private int BindUtf8(int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most <= MaxStackText)
        {
            Span<byte> buffer = stackalloc byte[most];
            return raw.sqlite3_bind_text(Handle, index, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }
        var rented = ArrayPool<byte>.Shared.Rent(most);
        try
        {
            return raw.sqlite3_bind_text(Handle, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Binds every value whose name the statement has; the names are resolved once per names array.</summary>
    public void Bind(SqliteParameterValues values)
    {
        if (!ReferenceEquals(values.Names, _resolvedNames))
        {
            _resolvedIndexes = Array.ConvertAll(values.Names, ParameterIndex);
            _resolvedNames = values.Names;
        }
        for (var i = 0; i < _resolvedIndexes.Length; i++)
        {
            Bind(_resolvedIndexes[i], values.Values[i]);
        }
    }

    /// <summary>Binds <paramref name="values"/>, runs the statement to its end and returns the rows it changed.</summary>
    public int Execute(SqliteParameterValues values)
    {
        try
        {
            Bind(values);
        }
        catch
        {
            Reset();
            throw;
        }
        return Execute();
    }

    /// <summary>Runs the statement to its end and returns the rows it changed; the bindings are cleared after.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(Handle)) == raw.SQLITE_ROW)
            {
            }
            Check(rc, raw.SQLITE_DONE);
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>The first column of the first row as an integer, or null without a row (or for a NULL); bindings cleared after.</summary>
    public long? QueryInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(Handle);
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_type(Handle, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(Handle, 0);
            }
            Check(rc, raw.SQLITE_DONE);
            return null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>The first row as <paramref name="map"/> reads it (through the column accessors), or null without a row; bindings cleared after.</summary>
    public T? QueryRow<T>(Func<SqliteRawStatement, T> map)
        where T : class
    {
        try
        {
            var rc = raw.sqlite3_step(Handle);
            if (rc == raw.SQLITE_ROW)
            {
                return map(this);
            }
            Check(rc, raw.SQLITE_DONE);
            return null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>A column of the current row as text, or null for a NULL.</summary>
    public string? ColumnText(int column) =>
        raw.sqlite3_column_type(Handle, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(Handle, column).utf8_to_string();

    /// <summary>A column of the current row as text; a NULL there means the row is not what the schema says.</summary>
    public string ColumnRequiredText(int column) =>
        ColumnText(column) ?? throw new InvalidDataException($"Column {column} of '{raw.sqlite3_sql(Handle).utf8_to_string()}' is NULL.");

    public long ColumnInt64(int column) => raw.sqlite3_column_int64(Handle, column);

    /// <summary>Makes the statement ready to run again with no parameters bound (a bound value is otherwise kept).</summary>
    public void Reset()
    {
        // sqlite3_reset repeats the error of a failed step, which has already been thrown.
        _ = raw.sqlite3_reset(Handle);
        _ = raw.sqlite3_clear_bindings(Handle);
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }

    private sqlite3_stmt Handle => _statement ?? throw new ObjectDisposedException(nameof(SqliteRawStatement));

    private void Check(int rc, int expected = raw.SQLITE_OK)
    {
        if (rc != expected)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
            throw new SqliteException($"SQLite answered {rc} where {expected} was expected.", rc);
        }
    }
}
