using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    [Test]
    public async Task Everything_committed_is_there_after_a_restart()
    {
        var ended = await InsertAsync(FullCall("c1", "alice", "bob", CallStatus.Ended));
        var pending = await InsertAsync(Call("c2", "carol", "alice", createdAt: At(400)),
            users: [new UserPatch("carol", "c2", OnCall: true), new UserPatch("alice", "c2", OnCall: true)]);
        var accepted = await AdvanceAsync(pending, c => c with { Status = CallStatus.Accepted, HoldCoins = 40 },
            [Entry("c2", LedgerKind.Hold, "carol", 40, At(401))], [new UserPatch("carol", "c2", CoinsDelta: -40, HeldDelta: 40)]);
        var before = await SnapshotAsync("c2", "alice", "bob", "carol");

        await RestartAsync();

        await AssertUnchangedAsync(before, "c2", "alice", "bob", "carol");
        CallRecordAssert.AreEqual(await Store.GetCallAsync("c1", None), ended);
        CallRecordAssert.AreEqual(await Store.GetLiveCallsAsync(None), [accepted]);
        Assert.That((await Store.GetCallHistoryAsync("alice", 10, null, None)).Calls.Select(c => c.Id), Is.EqualTo(new[] { "c2", "c1" }));
        Assert.That(before.Users[2], Is.EqualTo(User("carol", coins: 60) with { HeldCoins = 40, IsOnCall = true, CurrentCallId = "c2" }));
    }

    [Test]
    public async Task After_a_restart_the_version_check_and_the_ledger_keys_still_hold()
    {
        var pending = await InsertAsync(Call("c1", "alice", "bob"));
        var accepted = await AdvanceAsync(pending, c => c with { Status = CallStatus.Accepted }, [Entry("c1", LedgerKind.Hold, "alice", 10, At(1))]);

        await RestartAsync();

        var stale = await Store.CommitAsync(new CallCommit(accepted with { Status = CallStatus.Cancelled }, 1, [], []), None);
        Assert.That(stale, Is.EqualTo(CommitOutcome.VersionConflict));
        Assert.That(() => Store.CommitAsync(new CallCommit(accepted with { Version = 3 }, 2, [Entry("c1", LedgerKind.Hold, "alice", 10, At(2))], []), None),
            Throws.Exception.Not.InstanceOf<CallStoreUnavailableException>());
        await AdvanceAsync(accepted, c => c with { Status = CallStatus.Ended }, [Entry("c1", LedgerKind.Release, "alice", 10, At(3))]);
        Assert.That((await Store.GetLedgerAsync("c1", None)).Select(e => e.Kind), Is.EqualTo(new[] { LedgerKind.Hold, LedgerKind.Release }));
    }
}
