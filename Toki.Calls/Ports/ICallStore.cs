using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

/// <summary>
/// Persistence for calls, users and the ledger. Every state change goes through <see cref="CommitAsync"/>,
/// which applies the call record (compare-and-set on its version), its ledger entries (unique per call and
/// step) and its user patches atomically: a crash leaves either all of it or none.
/// Transient failures surface as <see cref="CallStoreUnavailableException"/>; a write that may or may not have been
/// applied as <see cref="CallStoreOutcomeUnknownException"/>, and repeating that write is safe.
/// </summary>
public interface ICallStore
{
    Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken);

    Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken);

    /// <summary>The user's non-terminal call, if any (at most one exists).</summary>
    Task<CallRecord?> FindLiveCallAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Every non-terminal call, to re-arm deadlines after a restart.</summary>
    Task<IReadOnlyList<CallRecord>> GetLiveCallsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The live calls whose <see cref="CallRecord.NextDeadline"/> is at or before <paramref name="dueBy"/>, earliest
    /// deadline first (then by id), at most <paramref name="limit"/>: what a node's sweep hands to the state machine, so
    /// that the deadlines of a node that died still take effect. Served by an index on the deadline.
    /// </summary>
    Task<IReadOnlyList<CallRecord>> GetCallsDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>The user's calls as caller or callee, newest first, strictly before <paramref name="before"/>.</summary>
    Task<CallHistoryPage> GetCallHistoryAsync(string userId, int limit, CallHistoryCursor? before, CancellationToken cancellationToken);

    /// <summary>
    /// The calls <paramref name="query"/> selects, newest first (creation time, then id, both descending), strictly
    /// before <paramref name="before"/>; the page's cursor is set exactly when more calls remain.
    /// </summary>
    Task<CallHistoryPage> ListCallsAsync(CallQuery query, int limit, CallHistoryCursor? before, CancellationToken cancellationToken);

    /// <summary>The call's ledger by time; entries of one instant by key (ordinal), so every read lists them alike.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string callId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the commit, or answers why not. A commit that already landed (the store holds exactly its call, at its
    /// version) answers <see cref="CommitOutcome.Committed"/> again and changes nothing, so a commit whose first
    /// attempt ended in <see cref="CallStoreOutcomeUnknownException"/> can simply be repeated. A store may hand back the
    /// users whose balances a commit changed, as they stand right after it (<see cref="CommitOutcome.UsersAfterCommit"/>).
    /// </summary>
    Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken);

    /// <summary>Clears isOnCall/currentCallId when the user has no live call (repairs a stale flag).</summary>
    Task ClearOnCallIfIdleAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Adds a user; false when the id is taken.</summary>
    Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Sets a user's spendable coins; null when there is no such user.</summary>
    Task<UserRecord?> SetCoinsAsync(string userId, long coins, CancellationToken cancellationToken);

    /// <summary>Whether the store answers (for /readyz).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
