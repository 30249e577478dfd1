using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// Group commit: the writes that arrive while a transaction is being made durable wait together and go into
/// the next one, so a burst of N writes costs one <c>BEGIN IMMEDIATE</c> and one WAL sync instead of N. With
/// <c>synchronous = FULL</c> the sync dominates a commit (about a millisecond or more on a real disk), so
/// this is what lets call throughput scale with concurrency. One writer at a time, as SQLite allows anyway,
/// on one connection kept open with its prepared statements (reopened after a failed batch).
/// </summary>
internal sealed class SqliteGroupCommit(SqliteConnectionFactory connections) : IDisposable
{
    private const int MaxBatch = 256;
    private readonly Lock _gate = new();
    private List<SqlitePendingWrite> _queue = [];
    private bool _writing;
    private bool _closeWhenIdle;
    private SqliteSession? _session;

    /// <summary>
    /// Runs <paramref name="write"/> in the next batch's transaction; its result comes back once that batch is
    /// committed. A write that throws changes nothing; a batch that cannot commit fails all of its writes.
    /// <paramref name="oneStatement"/>: the write changes the database with at most one statement, its last, so SQLite's
    /// own statement rollback undoes it when it fails, and it runs without a savepoint.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, SqliteTransaction, T> write, CancellationToken cancellationToken, bool oneStatement = false)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var pending = new SqlitePendingWrite<T>(write, oneStatement, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: false);
        }
        return pending.Task;
    }

    private void Drain()
    {
        while (true)
        {
            List<SqlitePendingWrite> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    if (_closeWhenIdle)
                    {
                        CloseSession();
                    }
                    return;
                }
                if (_queue.Count <= MaxBatch)
                {
                    batch = _queue;
                    _queue = [];
                }
                else
                {
                    batch = _queue.GetRange(0, MaxBatch);
                    _queue.RemoveRange(0, MaxBatch);
                }
            }
            Commit(batch);
        }
    }

    private void Commit(List<SqlitePendingWrite> batch)
    {
        batch.RemoveAll(static write => write.TryCancel());
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            var session = _session ??= new SqliteSession(connections.Open());
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            foreach (var write in batch)
            {
                write.Execute(session, transaction);
            }
            transaction.Commit();
        }
        catch (Exception exception)
        {
            _session?.Dispose();
            _session = null;
            var failure = exception is SqliteException sqlite && SqliteErrors.IsBusy(sqlite) ? SqliteErrors.Unavailable(sqlite) : exception;
            foreach (var write in batch)
            {
                write.Fail(failure);
            }
            return;
        }
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    /// <summary>Closes the writer's connection now, or once the batches under way are done.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_writing)
            {
                _closeWhenIdle = true;
                return;
            }
            CloseSession();
        }
    }

    private void CloseSession()
    {
        _session?.Dispose();
        _session = null;
    }
}
