using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo.Store;

internal sealed partial class MongoCallStore
{
    /// <summary>
    /// Exactly once: one multi-document transaction per commit (read and write concern majority, retryable writes),
    /// not a chain of idempotent steps. The port promises that the call, its ledger entries and its balance changes
    /// land together or not at all; separate idempotent writes would let a crash between them leave a charged ledger
    /// with an unchanged call (or the reverse) visible to readers and to a restarted server, and would need a repair
    /// pass to finish or undo them. A transaction needs a replica set, which the compose file runs (a single
    /// member is enough). Inside it: the compare-and-set on <c>{_id, version}</c> (or the insert, behind the live
    /// check), each ledger entry inserted with its key as <c>_id</c>, each user patched with <c>$inc</c> and the
    /// conditional on-call change. The transaction is retried whole on TransientTransactionError (a write conflict
    /// with a concurrent commit), and its commit on UnknownTransactionCommitResult; if the outcome stays unknown the
    /// caller gets <see cref="CallStoreUnavailableException"/> and may commit again: the version check then answers
    /// VersionConflict if the first attempt did land, and the ledger keys could never be applied twice anyway.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return await RunAsync(() => _connection.WithTransaction(session => Apply(commit, session), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The body of the transaction; it may run more than once, and it aborts the transaction itself when the
    /// commit is refused (version conflict, participant busy). A duplicate ledger key or an unknown user is a bug:
    /// it throws, and the transaction is aborted with nothing applied.
    /// </summary>
    private CommitOutcome Apply(CallCommit commit, MongoSession session)
    {
        var call = commit.Call;
        var refused = commit.ExpectedVersion is { } expected ? UpdateCall(call, expected, session) : InsertCall(call, session);
        if (refused is { } outcome)
        {
            session.AbortTransaction();
            return outcome;
        }

        foreach (var entry in commit.Ledger)
        {
            try
            {
                _ledger.InsertOne(MongoLedgerDocument.ToDocument(entry), session);
            }
            catch (MongoDuplicateKeyException exception)
            {
                throw new InvalidOperationException($"Call {call.Id}: the ledger already has the step '{entry.Key}'; nothing was committed.", exception);
            }
        }

        foreach (var patch in commit.Users)
        {
            if (_users.UpdateOne(MongoStoreQueries.UserById(patch.UserId), MongoStoreQueries.PatchUser(patch), session: session).MatchedCount == 0)
            {
                throw new InvalidOperationException($"Call {call.Id}: no user '{patch.UserId}' to patch; nothing was committed.");
            }
            if (patch.OnCall == false)
            {
                _users.UpdateOne(MongoStoreQueries.ClaimedBy(patch.UserId, patch.CallId), MongoStoreQueries.ClearOnCall, session: session);
            }
        }
        return CommitOutcome.Committed;
    }

    private CommitOutcome? UpdateCall(CallRecord call, long expectedVersion, MongoSession session)
    {
        var result = _calls.UpdateOne(MongoStoreQueries.CallAtVersion(call.Id, expectedVersion), MongoStoreQueries.ReplaceCall(call), session: session);
        return result.MatchedCount == 0 ? CommitOutcome.VersionConflict : null;
    }

    /// <summary>
    /// The caller is checked first, so that it is the one named when both are busy. The unique live index is the
    /// guarantee behind the check: a concurrent insert for the same user either conflicts with this transaction
    /// (which is then retried and finds it) or, already visible, fails the insert on that index.
    /// </summary>
    private CommitOutcome? InsertCall(CallRecord call, MongoSession session)
    {
        foreach (var userId in new[] { call.CallerId, call.CalleeId })
        {
            if (FindLiveCall(userId, session) is not null)
            {
                return CommitOutcome.Busy(userId);
            }
        }
        try
        {
            _calls.InsertOne(MongoCallDocument.ToDocument(call), session);
            return null;
        }
        catch (MongoDuplicateKeyException exception) when (exception.IndexName == MongoStoreErrors.PrimaryIndex)
        {
            return CommitOutcome.VersionConflict;
        }
        catch (MongoDuplicateKeyException exception) when (exception.IndexName == MongoStoreIndexes.LiveByParticipant.Name)
        {
            return CommitOutcome.Busy(MongoStoreErrors.BusyParticipant(exception, call.CallerId, call.CalleeId)
                ?? (FindLiveCall(call.CallerId, null) is not null ? call.CallerId : call.CalleeId));
        }
    }
}
