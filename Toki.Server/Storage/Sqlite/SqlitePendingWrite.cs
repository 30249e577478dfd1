using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// One write waiting for its group commit. Its batch first runs it with no savepoint (<see cref="TryExecute"/>); only if
/// a write of more than one statement fails is the batch rolled back and run again with each write under its own
/// savepoint (<see cref="ExecuteIsolated"/>): a write that throws is rolled back alone, the others are kept. A write
/// of one statement never needs a savepoint: SQLite already undoes a failed statement alone. Its caller hears the outcome
/// only once the whole batch is committed (or failed), so an acknowledged write is always durable.
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
    /// Runs the write with no savepoint. False when it failed having perhaps written something that only rolling back the
    /// whole transaction can undo (it is of more than one statement); a write of one statement keeps its own exception
    /// for <see cref="Complete"/> instead. Throws, failing the batch, when the write ended the batch's transaction.
    /// </summary>
    public bool TryExecute(SqliteSession session, SqliteTransaction transaction)
    {
        ForgetOutcome();
        try
        {
            Run(session, transaction);
        }
        catch (Exception exception)
        {
            _error = exception;
            ThrowIfTransactionEnded(session);
            return _oneStatement;
        }
        ThrowIfTransactionEnded(session);
        return true;
    }

    /// <summary>
    /// Runs the write under a savepoint (unless it is one statement); its own exception is kept for <see cref="Complete"/>.
    /// Throws, failing the batch, when the write ended the batch's transaction.
    /// </summary>
    public void ExecuteIsolated(SqliteSession session, SqliteTransaction transaction)
    {
        ForgetOutcome();
        if (!_oneStatement)
        {
            session.Statement(Savepoint).Execute();
        }
        try
        {
            Run(session, transaction);
        }
        catch (Exception exception)
        {
            _error = exception;
            ThrowIfTransactionEnded(session);
            if (!_oneStatement)
            {
                session.Statement(RollbackToSavepoint).Execute();
            }
        }
        ThrowIfTransactionEnded(session);
        if (!_oneStatement)
        {
            session.Statement(Release).Execute();
        }
    }

    /// <summary>True (and the caller told) when the write was cancelled before its batch started.</summary>
    public abstract bool TryCancel();

    /// <summary>Reports the write's own outcome (of its last run) once the batch committed.</summary>
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

    /// <summary>Drops what an earlier run of a rolled-back batch left: only the committed run's outcome is reported.</summary>
    protected virtual void ForgetOutcome() => _error = null;

    /// <summary>
    /// SQLite rolls the whole transaction back on some errors (a full disk, an I/O error): the batch's other writes must
    /// then not run outside it, nor be reported as written. Rethrows the write's own failure when there is one.
    /// </summary>
    private void ThrowIfTransactionEnded(SqliteSession session)
    {
        if (raw.sqlite3_get_autocommit(session.Connection.Handle) == 0)
        {
            return;
        }
        if (_error is not null)
        {
            ExceptionDispatchInfo.Throw(_error);
        }
        throw new InvalidOperationException("A write ended its batch's transaction.");
    }
}
