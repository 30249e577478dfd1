using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>A pending write with its result type.</summary>
internal sealed class SqlitePendingWrite<T>(Func<SqliteSession, SqliteTransaction, T> write, bool oneStatement, CancellationToken cancellationToken)
    : SqlitePendingWrite(oneStatement, cancellationToken)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public override bool TryCancel() => CancellationToken.IsCancellationRequested && _completion.TrySetCanceled(CancellationToken);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    protected override void Run(SqliteSession session, SqliteTransaction transaction) => _result = write(session, transaction);

    protected override void Succeed() => _completion.TrySetResult(_result);

    protected override void ForgetOutcome()
    {
        base.ForgetOutcome();
        _result = default!;
    }
}
