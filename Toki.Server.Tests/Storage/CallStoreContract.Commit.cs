using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    [Test]
    public async Task A_commit_applies_the_call_its_ledger_and_its_user_patches_together()
    {
        await Store.CreateUserAsync(User("alice", coins: 100), None);
        await Store.CreateUserAsync(User("bob", coins: 0), None);
        var call = await InsertAsync(Call("c1", "alice", "bob"), users: [new UserPatch("alice", "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]);

        var accepted = await AdvanceAsync(call, c => c with { Status = CallStatus.Accepted, HoldCoins = 50 },
            [Entry("c1", LedgerKind.Hold, "alice", 50, At(1))], [new UserPatch("alice", "c1", CoinsDelta: -50, HeldDelta: 50)]);
        var ended = await AdvanceAsync(accepted, c => c with { Status = CallStatus.Ended, CoinsCharged = 20 },
            [Entry("c1", LedgerKind.Release, "alice", 50, At(2)), Entry("c1", LedgerKind.Charge, "alice", 20, At(2)), Entry("c1", LedgerKind.Earn, "bob", 20, At(2))],
            [new UserPatch("alice", "c1", CoinsDelta: 30, HeldDelta: -50, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 20, OnCall: false)]);

        var after = await SnapshotAsync("c1", "alice", "bob");

        CallRecordAssert.AreEqual(after.Call, ended);
        Assert.Multiple(() =>
        {
            Assert.That(after.Ledger, Has.Count.EqualTo(4));
            Assert.That(after.Users[0], Is.EqualTo(User("alice", coins: 80)));
            Assert.That(after.Users[1], Is.EqualTo(User("bob", coins: 0) with { Earnings = 20 }));
        });
    }

    [TestCase(0, TestName = "expected version behind (the version that was replaced)")]
    [TestCase(-1, TestName = "expected version one before that")]
    [TestCase(2, TestName = "expected version ahead")]
    public async Task A_stale_version_is_a_conflict_and_nothing_of_the_commit_is_applied(int offset)
    {
        var v1 = await InsertAsync(Call("c1", "alice", "bob"), users: [new UserPatch("alice", "c1", OnCall: true)]);
        var v2 = await AdvanceAsync(v1, c => c with { Status = CallStatus.Accepted, HoldCoins = 30 },
            [Entry("c1", LedgerKind.Hold, "alice", 30, At(1))], [new UserPatch("alice", "c1", CoinsDelta: -30, HeldDelta: 30)]);
        var before = await SnapshotAsync("c1", "alice", "bob");

        var stale = v2.Version - 1 + offset;
        var outcome = await Store.CommitAsync(new CallCommit(v2 with { Status = CallStatus.Ended, Version = stale + 1 }, stale,
            [Entry("c1", LedgerKind.Release, "alice", 30, At(2)), Entry("c1", LedgerKind.Charge, "alice", 10, At(2))],
            [new UserPatch("alice", "c1", CoinsDelta: 20, HeldDelta: -30, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 10)]), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
        await AssertUnchangedAsync(before, "c1", "alice", "bob");
    }

    [Test]
    public async Task Updating_a_call_that_does_not_exist_is_a_version_conflict()
    {
        await EnsureUsersAsync("alice", "bob");

        var outcome = await Store.CommitAsync(new CallCommit(Call("c1", "alice", "bob", version: 2), 1, [],
            [new UserPatch("alice", "c1", CoinsDelta: 5)]), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
        Assert.That(await Store.GetCallAsync("c1", None), Is.Null);
        Assert.That(await GetUserAsync("alice"), Is.EqualTo(User("alice")));
    }

    private static IEnumerable<TestCaseData> DuplicateKeyCases()
    {
        yield return new TestCaseData((object)new[] { Entry("c1", LedgerKind.Hold, "alice", 30, At(2)) })
            .SetName("the key of an earlier commit");
        yield return new TestCaseData((object)new[] { Entry("c1", LedgerKind.Charge, "alice", 10, At(2)), Entry("c1", LedgerKind.Charge, "alice", 10, At(2)) })
            .SetName("the same key twice in one commit");
        yield return new TestCaseData((object)new[] { Entry("c1", LedgerKind.Release, "alice", 30, At(2)), Entry("c1", LedgerKind.Hold, "alice", 1, At(2)) })
            .SetName("a duplicate after a good entry");
    }

    [TestCaseSource(nameof(DuplicateKeyCases))]
    public async Task A_duplicate_ledger_key_fails_the_whole_commit(LedgerEntry[] ledger)
    {
        var v1 = await InsertAsync(Call("c1", "alice", "bob"));
        var v2 = await AdvanceAsync(v1, c => c with { Status = CallStatus.Accepted },
            [Entry("c1", LedgerKind.Hold, "alice", 30, At(1))], [new UserPatch("alice", "c1", CoinsDelta: -30, HeldDelta: 30, OnCall: true)]);
        var before = await SnapshotAsync("c1", "alice", "bob");

        Assert.That(() => Store.CommitAsync(new CallCommit(v2 with { Status = CallStatus.Ended, Version = 3 }, 2, ledger,
                [new UserPatch("alice", "c1", CoinsDelta: 30, HeldDelta: -30, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 10, OnCall: false)]), None),
            Throws.Exception.Not.InstanceOf<CallStoreUnavailableException>(), "a bug, not a transient failure to retry");
        await AssertUnchangedAsync(before, "c1", "alice", "bob");
    }

    [Test]
    public async Task A_duplicate_ledger_key_in_a_new_call_leaves_no_call_behind()
    {
        await EnsureUsersAsync("alice", "bob");

        Assert.That(() => Store.CommitAsync(new CallCommit(Call("c1", "alice", "bob"), null,
                [Entry("c1", LedgerKind.Hold, "alice", 1, T0), Entry("c1", LedgerKind.Hold, "alice", 1, T0)],
                [new UserPatch("alice", "c1", OnCall: true)]), None),
            Throws.Exception.Not.InstanceOf<CallStoreUnavailableException>());

        var after = await SnapshotAsync("c1", "alice");
        var live = await Store.FindLiveCallAsync("alice", None);

        Assert.Multiple(() =>
        {
            Assert.That(after.Call, Is.Null);
            Assert.That(live, Is.Null);
            Assert.That(after.Ledger, Is.Empty);
            Assert.That(after.Users[0], Is.EqualTo(User("alice")));
        });
    }

    [Test]
    public async Task A_patch_for_an_unknown_user_fails_the_whole_commit()
    {
        var v1 = await InsertAsync(Call("c1", "alice", "bob"));
        var before = await SnapshotAsync("c1", "alice", "bob");

        Assert.That(() => Store.CommitAsync(new CallCommit(v1 with { Status = CallStatus.Ended, Version = 2 }, 1,
                [Entry("c1", LedgerKind.Charge, "alice", 10, At(1))],
                [new UserPatch("alice", "c1", CoinsDelta: -10), new UserPatch("nobody", "c1", EarningsDelta: 10)]), None),
            Throws.Exception.Not.InstanceOf<CallStoreUnavailableException>());
        await AssertUnchangedAsync(before, "c1", "alice", "bob");
        Assert.That(await Store.GetUserAsync("nobody", None), Is.Null);
    }
}
