using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// Group commit: the writes that arrive while a transaction is being made durable wait together and go into
/// the next one, so a burst of N writes costs one <c>BEGIN IMMEDIATE</c> and one WAL sync instead of N. With
/// <c>synchronous = FULL</c> the sync dominates a commit (about a millisecond or more on a real disk), so
/// this is what lets call throughput scale with concurrency. One writer at a time, as SQLite allows anyway,
/// on one connection kept open with its prepared statements (reopened after a failed batch).
/// A batch first runs with no savepoints; only when a write of more than one statement fails is the batch rolled back
/// and run again with each such write under its own savepoint, so that the failed write alone is undone.
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
    /// The write may run twice (a batch with a failing write is rolled back and run again), so it must only run SQL.
    /// <paramref name="oneStatement"/>: the write changes the database with at most one statement, its last, so SQLite's
    /// own statement rollback undoes it when it fails: it never needs a savepoint, and its failure alone never makes the
    /// batch run again.
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
            if (!TryCommitWithoutSavepoints(session, batch))
            {
                CommitIsolated(session, batch);
            }
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

    /// <summary>
    /// Commits the batch with no savepoints, or rolls it all back (false) when a write of more than one statement failed:
    /// a write that throws is a bug or a rare race, while a savepoint around every write costs statements and journaling.
    /// </summary>
    private static bool TryCommitWithoutSavepoints(SqliteSession session, List<SqlitePendingWrite> batch)
    {
        using var transaction = session.Connection.BeginTransaction(deferred: false);
        foreach (var write in batch)
        {
            if (!write.TryExecute(session, transaction))
            {
                transaction.Rollback();
                return false;
            }
        }
        transaction.Commit();
        return true;
    }

    /// <summary>Commits the batch with each write under its own savepoint, so that a write that throws is rolled back alone.</summary>
    private static void CommitIsolated(SqliteSession session, List<SqlitePendingWrite> batch)
    {
        using var transaction = session.Connection.BeginTransaction(deferred: false);
        foreach (var write in batch)
        {
            write.ExecuteIsolated(session, transaction);
        }
        transaction.Commit();
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
