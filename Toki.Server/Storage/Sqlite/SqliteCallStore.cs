using Microsoft.Data.Sqlite;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// <see cref="ICallStore"/> over one SQLite file in WAL mode: readers never wait for the writer. Writes of this
/// process are group-committed (<see cref="SqliteGroupCommit"/>): they share one <c>BEGIN IMMEDIATE</c> transaction
/// with no savepoints, and are answered once it is durable. When one of them throws, the batch is rolled back and run
/// again with each write under its own savepoint (or, for one statement, SQLite's statement rollback), so that only
/// the failing write is undone. They never spin on SQLite's lock; the lock (with the busy timeout) still guards
/// against other processes. The writer runs the hot statements as raw prepared statements with their parameters
/// built beforehand on the caller's thread: its one thread is what bounds the call setups per second.
/// </summary>
internal sealed partial class SqliteCallStore : ICallStore, IDisposable
{
    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteGroupCommit _writes;

    private SqliteCallStore(SqliteConnectionFactory connections)
    {
        _connections = connections;
        _writes = new SqliteGroupCommit(connections);
    }

    public string DatabasePath => _connections.DatabasePath;

    public SqliteDurability Durability => _connections.Durability;

    /// <summary>Opens (creating the folder and file when missing) and migrates the database.</summary>
    public static SqliteCallStore Open(string databasePath, int busyTimeoutSeconds, SqliteDurability durability = SqliteDurability.Full)
    {
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var connections = new SqliteConnectionFactory(fullPath, busyTimeoutSeconds, durability);
        try
        {
            using var connection = connections.Open();
            SqliteSchema.Migrate(connection);
        }
        catch (SqliteException exception) when (SqliteErrors.IsBusy(exception))
        {
            throw SqliteErrors.Unavailable(exception);
        }
        return new SqliteCallStore(connections);
    }

    /// <summary>Through a raw statement: the call service reads a user about three times per call cycle.</summary>
    public Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        Read(session => ReadUser(session, userId), cancellationToken);

    public Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken) =>
        Read(session => ReadSingle(session, SqliteCallQueries.GetCall, "@id", callId, SqliteRows.ReadCall), cancellationToken);

    public Task<CallRecord?> FindLiveCallAsync(string userId, CancellationToken cancellationToken) =>
        Read(session => ReadSingle(session, SqliteCallQueries.FindLiveCall, "@user", userId, SqliteRows.ReadCall), cancellationToken);

    public Task<IReadOnlyList<CallRecord>> GetLiveCallsAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<CallRecord>>(session =>
        {
            var command = Command(session, null, SqliteCallQueries.GetLiveCalls);
            return ReadAll(command, SqliteRows.ReadCall);
        }, cancellationToken);

    public Task<IReadOnlyList<CallRecord>> GetCallsDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Read<IReadOnlyList<CallRecord>>(session =>
        {
            var command = Command(session, null, SqliteCallQueries.GetCallsDue);
            command.Parameters.AddWithValue("@dueBy", SqliteValues.ToMilliseconds(dueBy));
            command.Parameters.AddWithValue("@take", (long)limit);
            return ReadAll(command, SqliteRows.ReadCall);
        }, cancellationToken);
    }

    public Task<CallHistoryPage> GetCallHistoryAsync(string userId, int limit, CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Read(session =>
        {
            var command = Command(session, null, SqliteCallQueries.History);
            command.Parameters.AddWithValue("@user", userId);
            command.Parameters.AddWithValue("@beforeAt", before is null ? long.MaxValue : SqliteValues.ToMilliseconds(before.CreatedAt));
            command.Parameters.AddWithValue("@beforeId", before?.CallId ?? "");
            // One more than asked tells whether an older page exists.
            command.Parameters.AddWithValue("@take", (long)limit + 1);
            var calls = ReadAll(command, SqliteRows.ReadCall);
            if (calls.Count <= limit)
            {
                return new CallHistoryPage(calls, null);
            }
            var page = calls.GetRange(0, limit);
            return new CallHistoryPage(page, new CallHistoryCursor(page[^1].CreatedAt, page[^1].Id));
        }, cancellationToken);
    }

    public Task<CallHistoryPage> ListCallsAsync(CallQuery query, int limit, CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sql = (query.UserId, query.LiveOnly, query.Status) switch
        {
            (null, true, _) => SqliteCallQueries.ListLiveCalls,
            (null, false, null) => SqliteCallQueries.ListCalls,
            (null, false, _) => SqliteCallQueries.ListCallsByStatus,
            (_, true, _) => SqliteCallQueries.HistoryLive,
            (_, false, null) => SqliteCallQueries.History,
            (_, false, _) => SqliteCallQueries.HistoryByStatus,
        };
        return Read(session =>
        {
            var command = Command(session, null, sql);
            command.Parameters.AddWithValue("@user", query.UserId ?? "");
            command.Parameters.AddWithValue("@status", query.Status?.ToWire() ?? "");
            command.Parameters.AddWithValue("@beforeAt", before is null ? long.MaxValue : SqliteValues.ToMilliseconds(before.CreatedAt));
            command.Parameters.AddWithValue("@beforeId", before?.CallId ?? "");
            command.Parameters.AddWithValue("@take", (long)limit + 1);
            var calls = ReadAll(command, SqliteRows.ReadCall);
            if (calls.Count <= limit)
            {
                return new CallHistoryPage(calls, null);
            }
            var page = calls.GetRange(0, limit);
            return new CallHistoryPage(page, new CallHistoryCursor(page[^1].CreatedAt, page[^1].Id));
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string callId, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<LedgerEntry>>(session =>
        {
            var command = Command(session, null, SqliteCallQueries.GetLedger);
            command.Parameters.AddWithValue("@callId", callId);
            return ReadAll(command, SqliteRows.ReadLedger);
        }, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken) =>
        Read(session =>
        {
            var command = Command(session, null, "SELECT 1;");
            return command.ExecuteScalar() is 1L;
        }, cancellationToken);

    public void Dispose()
    {
        _writes.Dispose();
        _connections.ClearPool();
    }

    /// <summary>Runs synchronously (Microsoft.Data.Sqlite has no real async I/O); failures still come back in the task.</summary>
    private Task<T> Read<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        SqliteSession? session = null;
        try
        {
            session = _connections.RentReader();
            var result = read(session);
            _connections.Return(session);
            return Task.FromResult(result);
        }
        catch (SqliteException exception) when (SqliteErrors.IsBusy(exception))
        {
            session?.Dispose();
            return Task.FromException<T>(SqliteErrors.Unavailable(exception));
        }
        catch (Exception exception)
        {
            session?.Dispose();
            return Task.FromException<T>(exception);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in the next group commit's immediate transaction (perhaps twice, when a write of its
    /// batch fails). Returning keeps what it wrote; throwing rolls back what it wrote (and only that).
    /// </summary>
    private Task<T> WriteAsync<T>(Func<SqliteSession, SqliteTransaction, T> write, CancellationToken cancellationToken) =>
        _writes.WriteAsync(write, cancellationToken, oneStatement: false);

    private static SqliteCommand Command(SqliteSession session, SqliteTransaction? transaction, string sql) => session.Command(sql, transaction);

    private static T? ReadSingle<T>(SqliteSession session, string sql, string parameter, string value, Func<SqliteDataReader, T> map)
        where T : class
    {
        var command = Command(session, null, sql);
        command.Parameters.AddWithValue(parameter, value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    private static List<T> ReadAll<T>(SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
