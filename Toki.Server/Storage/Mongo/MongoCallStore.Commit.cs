using MongoDB.Bson;
using MongoDB.Driver;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo;

internal sealed partial class MongoCallStore
{
    /// <summary>
    /// Exactly once: one multi-document transaction per commit, not a chain of idempotent steps, so that a crash can
    /// never leave a charged ledger beside an unchanged call. The driver's <c>WithTransactionAsync</c> runs it: it retries
    /// the whole body on <c>TransientTransactionError</c> (a write conflict with a concurrent commit, a lost connection)
    /// and the commit on <c>UnknownTransactionCommitResult</c>, for up to 120 s. The body may therefore run more than
    /// once, and a run may find that an earlier one did commit: the stored call is then exactly this commit's call, and
    /// the answer is Committed with nothing written again. If the commit's outcome stays unknown, the caller gets
    /// <see cref="CallStoreOutcomeUnknownException"/> and may repeat the commit, which that same check answers.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var outcome = await InTransactionAsync((session, token) => ApplyAsync(commit, session, token), cancellationToken);
        return outcome ?? await ReadAsync(() => BusyParticipantAsync(commit.Call, cancellationToken));
    }

    /// <summary>
    /// The body of the transaction. A refused commit (version conflict, participant busy) or one that already landed
    /// aborts the transaction itself and answers; null means a participant is busy but the server did not say which
    /// (found after the transaction). A duplicate ledger key or an unknown user is a bug: it throws, and the driver
    /// aborts the transaction with nothing applied.
    /// </summary>
    private async Task<CommitOutcome?> ApplyAsync(CallCommit commit, IClientSessionHandle session, CancellationToken cancellationToken)
    {
        var call = commit.Call;
        var document = MongoCallDocument.ToDocument(call);
        var refused = commit.ExpectedVersion is { } expected
            ? await ReplaceCallAsync(session, document, expected, cancellationToken)
            : await InsertCallAsync(session, call, document, cancellationToken);
        if (refused is { } answer)
        {
            await session.AbortTransactionAsync(cancellationToken);
            return answer.Outcome;
        }

        foreach (var entry in commit.Ledger)
        {
            try
            {
                await _ledger.InsertOneAsync(session, MongoLedgerDocument.ToDocument(entry), cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (MongoStoreErrors.IsDuplicateKey(exception, out _))
            {
                throw new InvalidOperationException($"Call {call.Id}: the ledger already has the step '{entry.Key}'; nothing was committed.", exception);
            }
        }

        foreach (var patch in commit.Users)
        {
            var patched = await _users.UpdateOneAsync(session, MongoStoreQueries.UserById(patch.UserId), MongoStoreQueries.PatchUser(patch),
                cancellationToken: cancellationToken);
            if (patched.MatchedCount == 0)
            {
                throw new InvalidOperationException($"Call {call.Id}: no user '{patch.UserId}' to patch; nothing was committed.");
            }
            if (patch.OnCall == false)
            {
                await _users.UpdateOneAsync(session, MongoStoreQueries.ClaimedBy(patch.UserId, patch.CallId), MongoStoreQueries.ClearOnCall(),
                    cancellationToken: cancellationToken);
            }
        }
        return CommitOutcome.Committed;
    }

    /// <summary>The compare-and-set on <c>{_id, version}</c>, replacing the whole document.</summary>
    private async Task<Refusal?> ReplaceCallAsync(IClientSessionHandle session, BsonDocument document, long expectedVersion, CancellationToken cancellationToken)
    {
        var replaced = await _calls.ReplaceOneAsync(session, MongoStoreQueries.CallAtVersion(document["_id"].AsString, expectedVersion), document,
            cancellationToken: cancellationToken);
        return replaced.MatchedCount == 1 ? null : await AlreadyStoredAsync(session, document, cancellationToken) ?? new Refusal(CommitOutcome.VersionConflict);
    }

    /// <summary>
    /// The id first (a create that already landed has made its own participants busy), then the caller, so that it is
    /// the one named when both are busy. The unique live index is the guarantee behind the check: a concurrent insert
    /// for the same user either conflicts with this transaction (which is then retried and finds it) or, already
    /// committed, fails this insert on that index.
    /// </summary>
    private async Task<Refusal?> InsertCallAsync(IClientSessionHandle session, CallRecord call, BsonDocument document, CancellationToken cancellationToken)
    {
        if (await AlreadyStoredAsync(session, document, cancellationToken) is { } stored)
        {
            return stored;
        }
        foreach (var userId in new[] { call.CallerId, call.CalleeId })
        {
            if (await FindLiveCallAsync(session, userId, cancellationToken) is not null)
            {
                return new Refusal(CommitOutcome.Busy(userId));
            }
        }
        try
        {
            await _calls.InsertOneAsync(session, document, cancellationToken: cancellationToken);
            return null;
        }
        catch (Exception exception) when (MongoStoreErrors.IsDuplicateKey(exception, out var index))
        {
            // The failed insert has aborted the transaction on the server: no more reads in it.
            return index == MongoStoreIndexes.LiveByParticipantName ? new Refusal(null) : new Refusal(CommitOutcome.VersionConflict);
        }
    }

    /// <summary>Null when no call has this id; Committed when the stored call is exactly this document; else a version conflict.</summary>
    private async Task<Refusal?> AlreadyStoredAsync(IClientSessionHandle session, BsonDocument document, CancellationToken cancellationToken)
    {
        var stored = await FirstAsync(_calls, session, MongoStoreQueries.ById(document["_id"].AsString), cancellationToken);
        return stored is null ? null : new Refusal(stored.Equals(document) ? CommitOutcome.AlreadyStored : CommitOutcome.VersionConflict);
    }

    /// <summary>After a duplicate key on the live index: the caller if it has a live call, else the callee.</summary>
    private async Task<CommitOutcome> BusyParticipantAsync(CallRecord call, CancellationToken cancellationToken) =>
        CommitOutcome.Busy(await FindLiveCallAsync(null, call.CallerId, cancellationToken) is not null ? call.CallerId : call.CalleeId);

    /// <summary>Why the call was not written; a null outcome is a busy participant not named yet.</summary>
    private sealed record Refusal(CommitOutcome? Outcome);
}
