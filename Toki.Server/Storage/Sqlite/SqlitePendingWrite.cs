using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// One write waiting for its group commit. It runs inside the batch's transaction under its own savepoint:
/// a write that throws is rolled back alone, the others of the batch are kept. Its caller hears the outcome
/// only once the whole batch is committed (or failed), so an acknowledged write is always durable.
/// </summary>
internal abstract class SqlitePendingWrite
{
    private const string Savepoint = "write";
    private Exception? _error;

    protected SqlitePendingWrite(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
    }

    protected CancellationToken CancellationToken { get; }

    /// <summary>Runs the write under a savepoint; its own exception is kept for <see cref="Complete"/>.</summary>
    public void Execute(SqliteConnection connection, SqliteTransaction transaction)
    {
        transaction.Save(Savepoint);
        try
        {
            Run(connection, transaction);
        }
        catch (Exception exception)
        {
            transaction.Rollback(Savepoint);
            _error = exception;
        }
        transaction.Release(Savepoint);
    }

    /// <summary>True (and the caller told) when the write was cancelled before its batch started.</summary>
    public abstract bool TryCancel();

    /// <summary>Reports the write's own outcome once the batch committed.</summary>
    public void Complete()
    {
        if (_error is null)
        {
            Succeed();
        }
        else
        {
            Fail(_error is SqliteException sqlite && SqliteErrors.IsBusy(sqlite) ? SqliteErrors.Unavailable(sqlite) : _error);
        }
    }

    public abstract void Fail(Exception exception);

    protected abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

    protected abstract void Succeed();
}
