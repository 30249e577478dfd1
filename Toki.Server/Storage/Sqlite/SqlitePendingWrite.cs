using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// One write waiting for its group commit. It runs inside the batch's transaction under its own savepoint:
/// a write that throws is rolled back alone, the others of the batch are kept. A write of one statement needs no
/// savepoint: SQLite already undoes a failed statement alone. Its caller hears the outcome only once the whole
/// batch is committed (or failed), so an acknowledged write is always durable.
/// </summary>
internal abstract class SqlitePendingWrite
{
    private const string Savepoint = "SAVEPOINT write;";
    private const string Release = "RELEASE write;";
    private const string RollbackToSavepoint = "ROLLBACK TO write;";
    private readonly bool _oneStatement;
    private Exception? _error;

    protected SqlitePendingWrite(bool oneStatement, CancellationToken cancellationToken)
    {
        _oneStatement = oneStatement;
        CancellationToken = cancellationToken;
    }

    protected CancellationToken CancellationToken { get; }

    /// <summary>
    /// Runs the write (under a savepoint unless it is one statement); its own exception is kept for <see cref="Complete"/>.
    /// Throws, failing the batch, when the write's failure took the batch's transaction with it (SQLite rolls the whole
    /// transaction back on some errors, such as a full disk or an I/O error).
    /// </summary>
    public void Execute(SqliteSession session, SqliteTransaction transaction)
    {
        if (_oneStatement)
        {
            try
            {
                Run(session, transaction);
            }
            catch (Exception exception)
            {
                _error = exception;
                if (raw.sqlite3_get_autocommit(session.Connection.Handle) != 0)
                {
                    throw;
                }
            }
            return;
        }
        session.Statement(Savepoint).Execute();
        try
        {
            Run(session, transaction);
        }
        catch (Exception exception)
        {
            session.Statement(RollbackToSavepoint).Execute();
            _error = exception;
        }
        session.Statement(Release).Execute();
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
