using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// <see cref="ICallStore"/> in memory, faithful to the port: one lock makes every commit atomic; an update is a
/// compare-and-set on the stored version; an insert is refused while a participant has a live call; a ledger key
/// already present aborts the whole commit (the unique index); user patches add their deltas and set the on-call
/// flag, or clear it only while it still points at the patch's call. A commit that already landed (the stored call is
/// its call) answers Committed again, without the users whose balances a commit applying its patches reports (unless
/// <see cref="ReportsUsersAfterCommit"/> is off). Every call yields first, like real I/O.
/// </summary>
internal sealed partial class InMemoryCallStore : ICallStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserRecord> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallRecord> _calls = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _ledger = [];
    private readonly Dictionary<string, int> _userReads = new(StringComparer.Ordinal);
    private int _failCommits;
    private int _unknownCommits;
    private bool _unknownCommitsLand;

    public async Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            _userReads[userId] = _userReads.GetValueOrDefault(userId) + 1;
            return _users.GetValueOrDefault(userId);
        }
    }

    public async Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (BeforeGetCall is { } hook)
        {
            await hook(callId, cancellationToken);
        }
        lock (_gate)
        {
            return _calls.GetValueOrDefault(callId);
        }
    }

    public async Task<CallRecord?> FindLiveCallAsync(string userId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        CallRecord? live;
        lock (_gate)
        {
            live = LiveCallOf(userId);
        }
        if (AfterFindLiveCall is { } hook)
        {
            await hook(live);
        }
        return live;
    }

    public async Task<IReadOnlyList<CallRecord>> GetLiveCallsAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            return [.. _calls.Values.Where(call => !call.Status.IsTerminal())];
        }
    }

    public async Task<IReadOnlyList<CallRecord>> GetCallsDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await Task.Yield();
        lock (_gate)
        {
            return [.. _calls.Values.Where(call => call.NextDeadline <= dueBy)
                .OrderBy(call => call.NextDeadline).ThenBy(call => call.Id, StringComparer.Ordinal).Take(limit)];
        }
    }

    public Task<CallHistoryPage> GetCallHistoryAsync(string userId, int limit, CallHistoryCursor? before, CancellationToken cancellationToken) =>
        ListCallsAsync(new CallQuery(userId), limit, before, cancellationToken);

    public async Task<CallHistoryPage> ListCallsAsync(CallQuery query, int limit, CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await Task.Yield();
        lock (_gate)
        {
            var calls = _calls.Values
                .Where(query.Matches)
                .Where(call => before is null || call.CreatedAt < before.CreatedAt
                    || (call.CreatedAt == before.CreatedAt && string.CompareOrdinal(call.Id, before.CallId) < 0))
                .OrderByDescending(call => call.CreatedAt).ThenByDescending(call => call.Id, StringComparer.Ordinal)
                .Take(limit + 1).ToList();
            var next = calls.Count > limit ? new CallHistoryCursor(calls[limit - 1].CreatedAt, calls[limit - 1].Id) : null;
            return new CallHistoryPage([.. calls.Take(limit)], next);
        }
    }

    public async Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string callId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        // The port's order: by time, then by key (Ledger(callId) keeps the order of the commits, for the service tests).
        return [.. Ledger(callId).OrderBy(entry => entry.At).ThenBy(entry => entry.Key, StringComparer.Ordinal)];
    }

    public async Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (BeforeCommit is { } hook)
        {
            await hook(commit);
        }
        CommitOutcome outcome;
        lock (_gate)
        {
            if (_unknownCommits > 0)
            {
                _unknownCommits--;
                if (_unknownCommitsLand)
                {
                    Apply(commit);
                }
                throw new CallStoreOutcomeUnknownException($"The store lost the answer to commit {commit.Call.Id} v{commit.Call.Version} (test).");
            }
            if (_failCommits > 0)
            {
                _failCommits--;
                throw new CallStoreUnavailableException("The store is briefly unavailable (test).");
            }
            outcome = Apply(commit);
        }
        if (outcome is { Kind: CommitOutcomeKind.Committed, Repeated: false })
        {
            AfterCommit?.Invoke(commit);
        }
        return outcome;
    }

    /// <summary>Under the lock.</summary>
    private CommitOutcome Apply(CallCommit commit)
    {
        var call = commit.Call;
        if (_calls.TryGetValue(call.Id, out var landed) && landed == call)
        {
            return CommitOutcome.AlreadyStored;
        }
        if (commit.ExpectedVersion is null)
        {
            if (_calls.ContainsKey(call.Id))
            {
                return CommitOutcome.VersionConflict;
            }
            foreach (var participant in new[] { call.CallerId, call.CalleeId })
            {
                if (LiveCallOf(participant) is not null)
                {
                    return CommitOutcome.Busy(participant);
                }
            }
        }
        else if (!_calls.TryGetValue(call.Id, out var stored) || stored.Version != commit.ExpectedVersion)
        {
            return CommitOutcome.VersionConflict;
        }
        var keys = _ledger.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in commit.Ledger)
        {
            if (!keys.Add(entry.Key))
            {
                throw new InvalidOperationException($"Duplicate ledger key {entry.Key}: the unique index refuses the whole commit.");
            }
        }
        foreach (var patch in commit.Users)
        {
            if (!_users.ContainsKey(patch.UserId))
            {
                throw new InvalidOperationException($"No user {patch.UserId} to patch.");
            }
        }

        _calls[call.Id] = call;
        _ledger.AddRange(commit.Ledger);
        foreach (var patch in commit.Users)
        {
            _users[patch.UserId] = Patched(_users[patch.UserId], patch);
        }
        CommitCount++;
        var changed = commit.Users.Where(patch => patch.ChangesBalance).Select(patch => patch.UserId).Distinct(StringComparer.Ordinal).ToList();
        return ReportsUsersAfterCommit && changed.Count > 0
            ? CommitOutcome.CommittedWith([.. changed.Select(id => _users[id])])
            : CommitOutcome.Committed;
    }

    public async Task ClearOnCallIfIdleAsync(string userId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (LiveCallOf(userId) is null && _users.TryGetValue(userId, out var user))
            {
                _users[userId] = user with { IsOnCall = false, CurrentCallId = null };
            }
        }
    }

    public async Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            return _users.TryAdd(user.Id, user);
        }
    }

    public async Task<UserRecord?> SetCoinsAsync(string userId, long coins, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coins);
        await Task.Yield();
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return null;
            }
            return _users[userId] = user with { Coins = coins };
        }
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    private CallRecord? LiveCallOf(string userId) =>
        _calls.Values.SingleOrDefault(call => call.IsParticipant(userId) && !call.Status.IsTerminal());

    private static UserRecord Patched(UserRecord user, UserPatch patch)
    {
        var next = user with
        {
            Coins = user.Coins + patch.CoinsDelta,
            HeldCoins = user.HeldCoins + patch.HeldDelta,
            Earnings = user.Earnings + patch.EarningsDelta,
        };
        return patch.OnCall switch
        {
            true => next with { IsOnCall = true, CurrentCallId = patch.CallId },
            false when user.CurrentCallId == patch.CallId => next with { IsOnCall = false, CurrentCallId = null },
            _ => next,
        };
    }
}
