using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// One write waiting for its group commit. It runs inside the batch's transaction under its own savepoint:
/// a write that throws is rolled back alone, the others of the batch are kept. Its caller hears the outcome
/// only once the whole batch is committed (or failed), so an acknowledged write is always durable.
/// </summary>
internal abstract class SqlitePendingWrite
{
    private const string Savepoint = "SAVEPOINT write;";
    private const string Release = "RELEASE write;";
    private const string RollbackToSavepoint = "ROLLBACK TO write;";
    private Exception? _error;

    protected SqlitePendingWrite(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
    }

    protected CancellationToken CancellationToken { get; }

    /// <summary>Runs the write under a savepoint; its own exception is kept for <see cref="Complete"/>.</summary>
    public void Execute(SqliteSession session, SqliteTransaction transaction)
    {
        session.Command(Savepoint, transaction).ExecuteNonQuery();
        try
        {
            Run(session, transaction);
        }
        catch (Exception exception)
        {
            session.Command(RollbackToSavepoint, transaction).ExecuteNonQuery();
            _error = exception;
        }
        session.Command(Release, transaction).ExecuteNonQuery();
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

    protected abstract void Run(SqliteSession session, SqliteTransaction transaction);

    protected abstract void Succeed();
}
