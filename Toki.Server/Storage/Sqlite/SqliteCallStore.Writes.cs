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
    /// </summary>
    public Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken) =>
        WriteAsync((session, transaction) =>
        {
            var call = commit.Call;
            if (commit.ExpectedVersion is null)
            {
                // Before the live check: a create that already landed has made its own participants busy.
                if (StoredCallMatches(session, transaction, call) is { } landed)
                {
                    return landed ? CommitOutcome.AlreadyStored : CommitOutcome.VersionConflict;
                }
                // Inside the write lock, so no other insert can claim either user between this check and ours.
                foreach (var userId in new[] { call.CallerId, call.CalleeId })
                {
                    if (HasLiveCall(session, transaction, userId))
                    {
                        return CommitOutcome.Busy(userId);
                    }
                }
            }

            var written = commit.ExpectedVersion is { } expected
                ? Update(session, transaction, SqliteCallQueries.UpdateTransition, call, expected)
                    || Update(session, transaction, SqliteCallQueries.UpdateCall, call, expected)
                : Insert(session, transaction, call);
            if (!written)
            {
                return StoredCallMatches(session, transaction, call) == true ? CommitOutcome.AlreadyStored : CommitOutcome.VersionConflict;
            }

            foreach (var entry in commit.Ledger)
            {
                var insert = Command(session, transaction, SqliteCallQueries.InsertLedger);
                SqliteRows.BindLedger(insert, entry);
                insert.ExecuteNonQuery();
            }

            foreach (var patch in commit.Users)
            {
                var update = Command(session, transaction, SqliteCallQueries.PatchUser);
                SqliteRows.BindPatch(update, patch);
                if (update.ExecuteNonQuery() == 0)
                {
                    throw new InvalidOperationException($"Call {call.Id}: no user '{patch.UserId}' to patch; nothing was committed.");
                }
            }

            return CommitOutcome.Committed;
        }, cancellationToken);

    public Task ClearOnCallIfIdleAsync(string userId, CancellationToken cancellationToken) =>
        WriteAsync((session, transaction) =>
        {
            var command = Command(session, transaction, SqliteCallQueries.ClearOnCallIfIdle);
            command.Parameters.AddWithValue("@id", userId);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken) =>
        WriteAsync((session, transaction) =>
        {
            var command = Command(session, transaction, SqliteCallQueries.InsertUser);
            SqliteRows.BindUser(command, user);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

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
            return ReadUser(session, transaction, userId);
        }, cancellationToken);
    }

    private static bool Insert(SqliteSession session, SqliteTransaction transaction, CallRecord call)
    {
        var insert = Command(session, transaction, SqliteCallQueries.InsertCall);
        SqliteRows.BindCall(insert, call);
        return insert.ExecuteNonQuery() == 1;
    }

    private static bool Update(SqliteSession session, SqliteTransaction transaction, string sql, CallRecord call, long expectedVersion)
    {
        var update = Command(session, transaction, sql);
        SqliteRows.BindCall(update, call);
        update.Parameters.AddWithValue("@expectedVersion", expectedVersion);
        return update.ExecuteNonQuery() == 1;
    }

    /// <summary>Null without a stored call of this id; true when it is exactly <paramref name="call"/>.</summary>
    private static bool? StoredCallMatches(SqliteSession session, SqliteTransaction transaction, CallRecord call)
    {
        var command = Command(session, transaction, SqliteCallQueries.StoredCallMatches);
        SqliteRows.BindCall(command, call);
        return command.ExecuteScalar() is long matches ? matches == 1 : null;
    }

    private static bool HasLiveCall(SqliteSession session, SqliteTransaction transaction, string userId)
    {
        var command = Command(session, transaction, SqliteCallQueries.HasLiveCall);
        command.Parameters.AddWithValue("@user", userId);
        return command.ExecuteScalar() is 1L;
    }

    private static UserRecord? ReadUser(SqliteSession session, SqliteTransaction transaction, string userId)
    {
        var command = Command(session, transaction, SqliteCallQueries.GetUser);
        command.Parameters.AddWithValue("@id", userId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteRows.ReadUser(reader) : null;
    }
}
