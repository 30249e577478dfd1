using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Tests.Storage;

/// <summary>
/// What every <see cref="ICallStore"/> must do, run against each store by a fixture that derives from this
/// class and says how to make a fresh, empty one. Exact outcomes throughout; the store's own extras (schema,
/// error mapping) are tested next to it. Beyond the port's doc comments, the suite pins down: times are kept
/// to the millisecond; inserting an id that exists is a version conflict; a duplicate ledger key or a patch for
/// an unknown user throws (not as unavailable) and keeps nothing; the ledger reads back ordered by time;
/// a history page has a cursor exactly when older calls remain, and a limit below one is refused; negative
/// coins are refused by SetCoins.
/// </summary>
internal abstract partial class CallStoreContract
{
    private CallStoreHarness? _harness;

    protected ICallStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>
    /// Whether the store hands back the users whose balances a commit changed (<see cref="CommitOutcome.UsersAfterCommit"/>), which the port
    /// leaves optional; a store that does not must report none rather than balances it did not observe.
    /// </summary>
    protected virtual bool ReportsUsersAfterCommit => true;

    /// <summary>A new store with no data, used by one test and disposed after it.</summary>
    protected abstract Task<CallStoreHarness> CreateStoreAsync();

    [SetUp]
    public async Task CreateStore()
    {
        _harness = await CreateStoreAsync();
        Store = _harness.Store;
    }

    [TearDown]
    public async Task DisposeStore()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    protected async Task RestartAsync() => Store = await _harness!.RestartAsync();

    /// <summary>Adds the users that do not exist yet, with the default test balances.</summary>
    protected async Task EnsureUsersAsync(params string[] userIds)
    {
        foreach (var userId in userIds)
        {
            await Store.CreateUserAsync(StoreTestData.User(userId), None);
        }
    }

    /// <summary>Inserts a new call (creating its users first) and requires the commit to succeed.</summary>
    protected async Task<CallRecord> InsertAsync(CallRecord call, IReadOnlyList<LedgerEntry>? ledger = null, IReadOnlyList<UserPatch>? users = null)
    {
        await EnsureUsersAsync(call.CallerId, call.CalleeId);
        var outcome = await Store.CommitAsync(new CallCommit(call, null, ledger ?? [], users ?? []), None);
        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed), $"inserting {call.Id}");
        return call;
    }

    /// <summary>Commits the next version of a stored call and requires the commit to succeed.</summary>
    protected async Task<CallRecord> AdvanceAsync(CallRecord call, Func<CallRecord, CallRecord> change,
        IReadOnlyList<LedgerEntry>? ledger = null, IReadOnlyList<UserPatch>? users = null)
    {
        var next = change(call) with { Version = call.Version + 1 };
        var outcome = await Store.CommitAsync(new CallCommit(next, call.Version, ledger ?? [], users ?? []), None);
        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed), $"advancing {call.Id} from version {call.Version}");
        return next;
    }

    protected async Task<UserRecord> GetUserAsync(string userId) =>
        await Store.GetUserAsync(userId, None) ?? throw new AssertionException($"user {userId} is missing");

    /// <summary>Everything a failed commit must have left alone.</summary>
    protected async Task<(CallRecord? Call, IReadOnlyList<LedgerEntry> Ledger, UserRecord?[] Users)> SnapshotAsync(string callId, params string[] userIds)
    {
        var users = new UserRecord?[userIds.Length];
        for (var i = 0; i < userIds.Length; i++)
        {
            users[i] = await Store.GetUserAsync(userIds[i], None);
        }
        return (await Store.GetCallAsync(callId, None), await Store.GetLedgerAsync(callId, None), users);
    }

    protected async Task AssertUnchangedAsync((CallRecord? Call, IReadOnlyList<LedgerEntry> Ledger, UserRecord?[] Users) before, string callId,
        params string[] userIds)
    {
        var after = await SnapshotAsync(callId, userIds);
        if (before.Call is null)
        {
            Assert.That(after.Call, Is.Null, "the call");
        }
        else
        {
            CallRecordAssert.AreEqual(after.Call, before.Call);
        }
        Assert.Multiple(() =>
        {
            Assert.That(after.Ledger, Is.EqualTo(before.Ledger), "the ledger");
            Assert.That(after.Users, Is.EqualTo(before.Users), "the users");
        });
    }
}
