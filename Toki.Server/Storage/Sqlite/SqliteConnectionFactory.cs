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
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];

    public SqliteConnectionFactory(string databasePath, int busyTimeoutSeconds)
    {
        _ = NativeLibrary.Value;
        DatabasePath = databasePath;
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

    /// <summary>A connection for writing: foreign keys enforced and every commit synced (<c>synchronous = FULL</c>).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
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
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
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
