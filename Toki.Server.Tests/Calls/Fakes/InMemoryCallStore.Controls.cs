using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>What the tests steer and inspect: hooks, seeded data, injected failures, and what the store was asked.</summary>
internal sealed partial class InMemoryCallStore
{
    /// <summary>Runs inside <see cref="CommitAsync"/> before the commit is examined (another writer, a race).</summary>
    public Func<CallCommit, Task>? BeforeCommit { get; set; }

    /// <summary>Runs after a commit has been applied, before its outcome is returned (a change that follows it at once).</summary>
    public Action<CallCommit>? AfterCommit { get; set; }

    /// <summary>Runs at the start of <see cref="GetCallAsync"/> with the caller's token (a slow or hung store).</summary>
    public Func<string, CancellationToken, Task>? BeforeGetCall { get; set; }

    /// <summary>Runs after <see cref="FindLiveCallAsync"/> has found its answer and before returning it.</summary>
    public Func<CallRecord?, Task>? AfterFindLiveCall { get; set; }

    public int CommitCount { get; private set; }

    /// <summary>Whether a commit reports the users whose balances it changed (a store may leave that out, as the MongoDB store does).</summary>
    public bool ReportsUsersAfterCommit { get; set; } = true;

    /// <summary>How many times <see cref="GetUserAsync"/> was asked for each user.</summary>
    public IReadOnlyDictionary<string, int> UserReads
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_userReads, StringComparer.Ordinal);
            }
        }
    }

    public void Seed(UserRecord user)
    {
        lock (_gate)
        {
            _users[user.Id] = user;
        }
    }

    public void Seed(CallRecord call)
    {
        lock (_gate)
        {
            _calls[call.Id] = call;
        }
    }

    /// <summary>The next <paramref name="count"/> commits fail as a transient store error.</summary>
    public void FailNextCommits(int count)
    {
        lock (_gate)
        {
            _failCommits = count;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> commits end in <see cref="CallStoreOutcomeUnknownException"/>, after applying
    /// the commit when <paramref name="landed"/> (its answer was lost), else without (it never reached the store).
    /// They come before the failures of <see cref="FailNextCommits"/>.
    /// </summary>
    public void ReportNextCommitsAsUnknown(int count, bool landed)
    {
        lock (_gate)
        {
            _unknownCommits = count;
            _unknownCommitsLand = landed;
        }
    }

    public UserRecord User(string userId)
    {
        lock (_gate)
        {
            return _users[userId];
        }
    }

    public CallRecord Call(string callId)
    {
        lock (_gate)
        {
            return _calls[callId];
        }
    }

    public IReadOnlyList<LedgerEntry> Ledger(string callId)
    {
        lock (_gate)
        {
            return [.. _ledger.Where(entry => entry.CallId == callId)];
        }
    }
}
