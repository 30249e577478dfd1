using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    /// <summary>"u" has a live call (in every live status, in either role); a new call names "u" as caller or callee.</summary>
    private static IEnumerable<TestCaseData> BusyCases()
    {
        foreach (var status in LiveStatuses)
        {
            yield return new TestCaseData(status, "u", "v", "u", "w").SetName($"{status}: caller is a caller");
            yield return new TestCaseData(status, "v", "u", "u", "w").SetName($"{status}: caller is a callee");
            yield return new TestCaseData(status, "u", "v", "w", "u").SetName($"{status}: callee is a caller");
            yield return new TestCaseData(status, "v", "u", "w", "u").SetName($"{status}: callee is a callee");
        }
    }

    [TestCaseSource(nameof(BusyCases))]
    public async Task A_new_call_is_refused_while_a_participant_has_a_live_call(CallStatus liveStatus, string liveCaller, string liveCallee,
        string newCaller, string newCallee)
    {
        await InsertAsync(Call("live", liveCaller, liveCallee, liveStatus));
        await EnsureUsersAsync(newCaller, newCallee);
        var before = await SnapshotAsync("new", "u", "v", "w");

        var outcome = await Store.CommitAsync(new CallCommit(Call("new", newCaller, newCallee, createdAt: At(1)), null,
            [Entry("new", LedgerKind.Hold, newCaller, 5, At(1))],
            [new UserPatch(newCaller, "new", CoinsDelta: -5, OnCall: true), new UserPatch(newCallee, "new", OnCall: true)]), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Busy("u")));
        await AssertUnchangedAsync(before, "new", "u", "v", "w");
    }

    [Test]
    public async Task When_both_participants_are_busy_the_caller_is_named()
    {
        await InsertAsync(Call("c1", "alice", "carol", CallStatus.Active));
        await InsertAsync(Call("c2", "dave", "bob", CallStatus.Pending));

        var outcome = await Store.CommitAsync(new CallCommit(Call("c3", "alice", "bob"), null, [], []), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Busy("alice")));
    }

    [TestCaseSource(typeof(StoreTestData), nameof(TerminalStatuses))]
    public async Task A_terminal_call_does_not_make_its_participants_busy(CallStatus status)
    {
        await InsertAsync(Call("old", "alice", "bob", status));

        var outcome = await Store.CommitAsync(new CallCommit(Call("new", "bob", "alice", createdAt: At(1)), null, [], []), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed));
        CallRecordAssert.AreEqual(await Store.FindLiveCallAsync("alice", None), Call("new", "bob", "alice", createdAt: At(1)));
    }

    [Test]
    public async Task Once_the_live_call_ends_the_refused_call_can_be_placed()
    {
        var live = await InsertAsync(Call("c1", "alice", "bob", CallStatus.Active));
        var retry = new CallCommit(Call("c2", "carol", "bob", createdAt: At(1)), null, [], [new UserPatch("carol", "c2", OnCall: true)]);
        await EnsureUsersAsync("carol");

        var refused = await Store.CommitAsync(retry, None);
        await AdvanceAsync(live, c => c with { Status = CallStatus.Ended, EndedAt = At(1) });
        var placed = await Store.CommitAsync(retry, None);

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(CommitOutcome.Busy("bob")));
            Assert.That(placed, Is.EqualTo(CommitOutcome.Committed));
        });
        Assert.That((await GetUserAsync("carol")).CurrentCallId, Is.EqualTo("c2"));
    }

    [Test]
    public async Task Inserting_an_id_that_exists_is_a_version_conflict_and_changes_nothing()
    {
        var original = await InsertAsync(Call("c1", "alice", "bob", CallStatus.Missed));
        var before = await SnapshotAsync("c1", "alice", "bob");

        var outcome = await Store.CommitAsync(new CallCommit(Call("c1", "alice", "bob", createdAt: At(9)), null,
            [Entry("c1", LedgerKind.Hold, "alice", 5, At(9))], [new UserPatch("alice", "c1", CoinsDelta: -5, OnCall: true)]), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
        await AssertUnchangedAsync(before, "c1", "alice", "bob");
        CallRecordAssert.AreEqual(await Store.GetCallAsync("c1", None), original);
    }
}
