using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file. Microsoft.Data.Sqlite pools them, so a connection per operation is
/// cheap; the per-connection pragmas of writers are set again on every open because a pooled connection may be new.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private const int MaxIdleReaders = 16;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly string _writerPragmas;
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];

    public SqliteConnectionFactory(string databasePath, int busyTimeoutSeconds, SqliteDurability durability = SqliteDurability.Full)
    {
        _ = NativeLibrary.Value;
        DatabasePath = databasePath;
        _busyTimeoutMilliseconds = checked(busyTimeoutSeconds * 1000);
        Durability = durability;
        // temp_store = MEMORY keeps the statement journal in memory: a savepoint (each write's, when a group commit runs
        // its batch again after a failed write, or SQLite's own around a statement that may fail halfway) copies each page
        // it touches into that journal, and SQLite spills it to a temporary file past 64 KiB. It only ever undoes a
        // savepoint inside the open transaction, so where it lives changes nothing of what a commit makes durable.
        _writerPragmas = durability switch
        {
            SqliteDurability.Full => "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
            SqliteDurability.Normal => "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
            _ => throw new ArgumentOutOfRangeException(nameof(durability), durability, "Full or Normal."),
        };
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    public string DatabasePath { get; }

    public SqliteDurability Durability { get; }

    /// <summary>
    /// A connection for writing: foreign keys enforced, and every commit synced (<c>synchronous = FULL</c>) or, with
    /// <see cref="SqliteDurability.Normal"/>, written to the WAL and synced at checkpoints (<c>synchronous = NORMAL</c>);
    /// savepoints journaled in memory (<c>temp_store = MEMORY</c>).
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            OpenWithBusyTimeout(connection);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = _writerPragmas;
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A connection for reading only. It skips the writers' pragmas, which change nothing for a read and would
    /// otherwise double the statements of every lookup.
    /// </summary>
    public SqliteConnection OpenForRead()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            OpenWithBusyTimeout(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens with SQLite's own busy handler armed for the whole busy timeout. It retries a lock held by another process
    /// after 1, 2, 5, 10, 15, 20, 25 ms... (sleeping in milliseconds), so a write behind another process's short
    /// transaction waits about as long as that transaction. Without it Microsoft.Data.Sqlite's retry loop takes over,
    /// and that sleeps 150 ms between attempts: two servers on one file then spent most of each call setup asleep.
    /// Microsoft.Data.Sqlite's loop still sees the final SQLITE_BUSY, after the same timeout, and gives up at once.
    /// </summary>
    private void OpenWithBusyTimeout(SqliteConnection connection)
    {
        connection.Open();
        var rc = SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, _busyTimeoutMilliseconds);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>A read session (an open connection with its prepared statements); give it back with <see cref="Return"/>.</summary>
    public SqliteSession RentReader() => _idleReaders.TryTake(out var session) ? session : new SqliteSession(OpenForRead());

    /// <summary>Keeps a healthy read session for the next read (a session whose read failed is disposed instead).</summary>
    public void Return(SqliteSession session)
    {
        if (_idleReaders.Count < MaxIdleReaders)
        {
            _idleReaders.Add(session);
        }
        else
        {
            session.Dispose();
        }
    }

    /// <summary>Closes the idle read sessions and the pooled connections, so that the file is no longer held open.</summary>
    public void ClearPool()
    {
        while (_idleReaders.TryTake(out var session))
        {
            session.Dispose();
        }
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
