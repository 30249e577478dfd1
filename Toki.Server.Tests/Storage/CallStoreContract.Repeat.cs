using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

/// <summary>
/// A commit repeated after it landed (its first attempt's answer was lost) is recognised by the stored call, exactly
/// its call at its version: answered as committed, applied once.
/// </summary>
internal abstract partial class CallStoreContract
{
    [Test]
    public async Task A_create_repeated_after_it_landed_is_committed_again_not_refused_as_busy_and_applied_once()
    {
        await EnsureUsersAsync("alice", "bob");
        var create = new CallCommit(FullCall("c1", "alice", "bob", CallStatus.Pending), null,
            [Entry("c1", LedgerKind.Hold, "alice", 5, At(1))],
            [new UserPatch("alice", "c1", CoinsDelta: -5, HeldDelta: 5, OnCall: true), new UserPatch("bob", "c1", OnCall: true)]);
        Assert.That(await Store.CommitAsync(create, None), Is.EqualTo(CommitOutcome.Committed));
        var landed = await SnapshotAsync("c1", "alice", "bob");

        var repeated = await Store.CommitAsync(create, None);

        Assert.That(repeated, Is.EqualTo(CommitOutcome.AlreadyStored), "committed, and marked as the repeat of a commit already stored");
        await AssertUnchangedAsync(landed, "c1", "alice", "bob");
        Assert.That(landed.Users[0], Is.EqualTo(User("alice", coins: 95) with { HeldCoins = 5, IsOnCall = true, CurrentCallId = "c1" }));
    }

    [Test]
    public async Task An_update_repeated_after_it_landed_is_committed_again_and_applied_once()
    {
        var call = await InsertAsync(FullCall("c1", "alice", "bob", CallStatus.Active) with { Version = 1 });
        var end = new CallCommit(call with { Status = CallStatus.Ended, EndReason = "hung_up", Version = 2 }, 1,
            [Entry("c1", LedgerKind.Charge, "alice", 12, At(9)), Entry("c1", LedgerKind.Earn, "bob", 12, At(9))],
            [new UserPatch("alice", "c1", CoinsDelta: -12, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 12, OnCall: false)]);
        Assert.That(await Store.CommitAsync(end, None), Is.EqualTo(CommitOutcome.Committed));
        var landed = await SnapshotAsync("c1", "alice", "bob");

        var repeated = await Store.CommitAsync(end, None);

        Assert.That(repeated, Is.EqualTo(CommitOutcome.AlreadyStored), "committed, and marked as the repeat of a commit already stored");
        await AssertUnchangedAsync(landed, "c1", "alice", "bob");
        Assert.That(landed.Users[0]!.Coins, Is.EqualTo(88), "charged once");
    }

    [Test]
    public async Task Another_commit_on_the_version_that_moved_on_is_still_a_conflict()
    {
        var call = await InsertAsync(Call("c1", "alice", "bob", CallStatus.Active));
        await AdvanceAsync(call, c => c with { Status = CallStatus.Ended, EndReason = "hung_up" });
        var before = await SnapshotAsync("c1", "alice", "bob");

        var outcome = await Store.CommitAsync(new CallCommit(call with { Status = CallStatus.Ended, EndReason = "time_limit", Version = 2 }, 1,
            [Entry("c1", LedgerKind.Charge, "alice", 3, At(9))], [new UserPatch("alice", "c1", CoinsDelta: -3)]), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
        await AssertUnchangedAsync(before, "c1", "alice", "bob");
    }

    [Test]
    public async Task A_create_whose_id_a_different_live_call_holds_is_a_version_conflict_not_busy()
    {
        await InsertAsync(Call("c1", "alice", "bob", CallStatus.Active));
        await EnsureUsersAsync("carol");
        var before = await SnapshotAsync("c1", "alice", "bob", "carol");

        var outcome = await Store.CommitAsync(new CallCommit(Call("c1", "alice", "carol", createdAt: At(5)), null, [],
            [new UserPatch("carol", "c1", OnCall: true)]), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
        await AssertUnchangedAsync(before, "c1", "alice", "bob", "carol");
    }
}
