using Microsoft.Data.Sqlite;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Sqlite;

internal sealed partial class SqliteCallStore
{
    /// <summary>
    /// The call (inserted, or compare-and-set on its version), its ledger entries and its user patches in one
    /// transaction. A duplicate ledger key or a patch for an unknown user is a bug: it throws and nothing is kept.
    /// An insert whose id already exists is a version conflict, like an update whose version moved on, unless the
    /// stored call is exactly the commit's: then this commit already landed, and it is answered as committed again.
    /// A commit that changes balances answers with those users as it left them.
    /// </summary>
    public Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken)
    {
        var call = commit.Call;
        var row = SqliteRowParameters.Call(call, commit.ExpectedVersion);
        var ledger = commit.Ledger.Select(SqliteRowParameters.Ledger).ToArray();
        var patches = commit.Users.Select(SqliteRowParameters.Patch).ToArray();
        // A transition with no ledger and no patches changes one row with one statement (the second UPDATE runs only
        // when the first changed nothing): SQLite undoes a failed statement alone, so it needs no savepoint.
        var oneStatement = commit.ExpectedVersion is not null && ledger.Length == 0 && patches.Length == 0;
        return _writes.WriteAsync((session, _) =>
        {
            if (commit.ExpectedVersion is null)
            {
                // Inside the write lock, so no other insert can claim either user between this check and ours.
                foreach (var userId in new[] { call.CallerId, call.CalleeId })
                {
                    if (HasLiveCall(session, userId))
                    {
                        // A create that already landed has made its own participants busy: only then is the id looked up.
                        return StoredCallMatches(session, row) switch
                        {
                            true => CommitOutcome.AlreadyStored,
                            false => CommitOutcome.VersionConflict,
                            null => CommitOutcome.Busy(userId),
                        };
                    }
                }
            }

            var written = commit.ExpectedVersion is not null
                ? Execute(session, SqliteCallQueries.UpdateTransition, row) == 1 || Execute(session, SqliteCallQueries.UpdateCall, row) == 1
                : Execute(session, SqliteCallQueries.InsertCall, row) == 1;
            if (!written)
            {
                return StoredCallMatches(session, row) == true ? CommitOutcome.AlreadyStored : CommitOutcome.VersionConflict;
            }

            foreach (var entry in ledger)
            {
                Execute(session, SqliteCallQueries.InsertLedger, entry);
            }

            for (var i = 0; i < patches.Length; i++)
            {
                if (Execute(session, SqliteCallQueries.PatchUser, patches[i]) == 0)
                {
                    throw new InvalidOperationException($"Call {call.Id}: no user '{commit.Users[i].UserId}' to patch; nothing was committed.");
                }
            }
            return UsersAfterCommit(session, commit.Users) is { } users ? CommitOutcome.CommittedWith(users) : CommitOutcome.Committed;
        }, cancellationToken, oneStatement);
    }

    public Task ClearOnCallIfIdleAsync(string userId, CancellationToken cancellationToken) =>
        _writes.WriteAsync((session, transaction) =>
        {
            var command = Command(session, transaction, SqliteCallQueries.ClearOnCallIfIdle);
            command.Parameters.AddWithValue("@id", userId);
            return command.ExecuteNonQuery();
        }, cancellationToken, oneStatement: true);

    public Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken) =>
        _writes.WriteAsync((session, transaction) =>
        {
            var command = Command(session, transaction, SqliteCallQueries.InsertUser);
            SqliteRows.BindUser(command, user);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken, oneStatement: true);

    public Task<UserRecord?> SetCoinsAsync(string userId, long coins, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coins);
        return WriteAsync((session, transaction) =>
        {
            var command = Command(session, transaction, SqliteCallQueries.SetCoins);
            command.Parameters.AddWithValue("@id", userId);
            command.Parameters.AddWithValue("@coins", coins);
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }
            return ReadUser(session, userId);
        }, cancellationToken);
    }

    private static int Execute(SqliteSession session, string sql, SqliteParameterValues values) => session.Statement(sql).Execute(values);

    /// <summary>
    /// Each user whose balances the patches changed, read once after all of them inside the write's transaction (for the
    /// wallet notices), or null when none did. A separate read by primary key: a <c>RETURNING</c> clause on the patch
    /// would buffer its row in a temporary table on every run, and measured slower.
    /// </summary>
    private static List<UserRecord>? UsersAfterCommit(SqliteSession session, IReadOnlyList<UserPatch> patches)
    {
        List<UserRecord>? users = null;
        for (var i = 0; i < patches.Count; i++)
        {
            if (patches[i].ChangesBalance && !ChangesBalanceEarlier(patches, i))
            {
                (users ??= new List<UserRecord>(patches.Count)).Add(ReadUser(session, patches[i].UserId)!);
            }
        }
        return users;
    }

    private static bool ChangesBalanceEarlier(IReadOnlyList<UserPatch> patches, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (patches[i].ChangesBalance && patches[i].UserId == patches[index].UserId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Null without a stored call of this id; true when it is exactly the call of <paramref name="row"/>.</summary>
    private static bool? StoredCallMatches(SqliteSession session, SqliteParameterValues row)
    {
        var statement = session.Statement(SqliteCallQueries.StoredCallMatches);
        statement.Bind(row);
        return statement.QueryInt64() is { } matches ? matches == 1 : null;
    }

    private static bool HasLiveCall(SqliteSession session, string userId)
    {
        var statement = session.Statement(SqliteCallQueries.HasLiveCall);
        statement.Bind(statement.ParameterIndex("@user"), SqliteValue.Of(userId));
        return statement.QueryInt64() == 1;
    }

    private static UserRecord? ReadUser(SqliteSession session, string userId)
    {
        var statement = session.Statement(SqliteCallQueries.GetUser);
        statement.Bind(statement.ParameterIndex("@id"), SqliteValue.Of(userId));
        return statement.QueryRow(SqliteRows.ReadUser);
    }
}
