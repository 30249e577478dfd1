using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

/// <summary>
/// The users a commit hands back: each patched user once, exactly as a read right after the commit finds it; none from
/// a commit without patches or one found already landed. Stores that do not report them (optional) report none at all.
/// </summary>
internal abstract partial class CallStoreContract
{
    [Test]
    public async Task A_commit_reports_each_patched_user_as_it_stands_after_the_commit()
    {
        await Store.CreateUserAsync(User("alice", coins: 100) with { HeldCoins = 20, Earnings = 5 }, None);
        await Store.CreateUserAsync(User("bob", coins: 7) with { Earnings = 40 }, None);
        var call = Call("c1", "alice", "bob");

        var created = await Store.CommitAsync(new CallCommit(call, null, [],
            [new UserPatch("alice", "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]), None);
        var afterCreate = new[] { await GetUserAsync("alice"), await GetUserAsync("bob") };
        var settled = await Store.CommitAsync(new CallCommit(call with { Status = CallStatus.Ended, Version = 2 }, 1, [],
            [new UserPatch("alice", "c1", CoinsDelta: 20 - 12, HeldDelta: -20, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 12, OnCall: false)]), None);
        var afterSettle = new[] { await GetUserAsync("alice"), await GetUserAsync("bob") };

        Assert.That((created.Kind, settled.Kind), Is.EqualTo((CommitOutcomeKind.Committed, CommitOutcomeKind.Committed)));
        if (!ReportsPatchedUsers)
        {
            Assert.That(created.PatchedUsers, Is.Null);
            Assert.That(settled.PatchedUsers, Is.Null);
            return;
        }
        Assert.Multiple(() =>
        {
            Assert.That(created.PatchedUsers, Is.EquivalentTo(afterCreate), "after the create");
            Assert.That(settled.PatchedUsers, Is.EquivalentTo(afterSettle), "after the settlement");
            Assert.That(settled.PatchedUser("alice"), Is.EqualTo(User("alice", coins: 108) with { Earnings = 5 }));
            Assert.That(settled.PatchedUser("bob"), Is.EqualTo(User("bob", coins: 7) with { Earnings = 52 }));
        });
    }

    [Test]
    public async Task A_user_patched_twice_in_one_commit_is_reported_once_with_both_patches_applied()
    {
        await Store.CreateUserAsync(User("alice", coins: 100), None);
        var call = await InsertAsync(Call("c1", "alice", "bob"));

        var outcome = await Store.CommitAsync(new CallCommit(call with { Version = 2 }, 1, [],
            [new UserPatch("alice", "c1", CoinsDelta: -7, HeldDelta: 7), new UserPatch("alice", "c1", CoinsDelta: -1, EarningsDelta: 3)]), None);

        Assert.That(outcome.Kind, Is.EqualTo(CommitOutcomeKind.Committed));
        Assert.That(outcome.PatchedUsers, ReportsPatchedUsers
            ? Is.EqualTo(new[] { User("alice", coins: 92) with { HeldCoins = 7, Earnings = 3 } })
            : Is.Null);
    }

    [Test]
    public async Task A_commit_without_patches_and_a_repeated_commit_report_no_users()
    {
        var call = await InsertAsync(Call("c1", "alice", "bob"));
        var unpatched = await Store.CommitAsync(new CallCommit(call with { Status = CallStatus.Accepted, Version = 2 }, 1, [], []), None);
        var end = new CallCommit(call with { Status = CallStatus.Ended, Version = 3 }, 2, [], [new UserPatch("alice", "c1", CoinsDelta: -5)]);
        Assert.That(await Store.CommitAsync(end, None), Is.EqualTo(CommitOutcome.Committed));

        var repeated = await Store.CommitAsync(end, None);

        Assert.Multiple(() =>
        {
            Assert.That(unpatched, Is.EqualTo(CommitOutcome.Committed));
            Assert.That(unpatched.PatchedUsers, Is.Null.Or.Empty, "no user was patched");
            Assert.That(repeated, Is.EqualTo(CommitOutcome.AlreadyStored));
            Assert.That(repeated.PatchedUsers, Is.Null.Or.Empty, "a commit found already landed did not observe the balances");
            Assert.That(repeated.PatchedUser("alice"), Is.Null);
        });
    }
}
