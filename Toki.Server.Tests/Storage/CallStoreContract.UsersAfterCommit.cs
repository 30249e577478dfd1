using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

/// <summary>
/// The users a commit hands back: each user whose balances it changed, once, exactly as a read right after the commit
/// finds it; none from a commit that changes no balance or one found already landed. Stores that do not report them
/// (optional) report none at all.
/// </summary>
internal abstract partial class CallStoreContract
{
    [Test]
    public async Task A_commit_reports_each_user_whose_balances_it_changed_as_it_stands_after_the_commit()
    {
        await Store.CreateUserAsync(User("alice", coins: 100) with { HeldCoins = 20, Earnings = 5 }, None);
        await Store.CreateUserAsync(User("bob", coins: 7) with { Earnings = 40 }, None);
        var call = Call("c1", "alice", "bob");

        var created = await Store.CommitAsync(new CallCommit(call, null, [],
            [new UserPatch("alice", "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]), None);
        var settled = await Store.CommitAsync(new CallCommit(call with { Status = CallStatus.Ended, Version = 2 }, 1, [],
            [new UserPatch("alice", "c1", CoinsDelta: 20 - 12, HeldDelta: -20, OnCall: false),
             new UserPatch("bob", "c1", EarningsDelta: 12, OnCall: false)]), None);
        var after = new[] { await GetUserAsync("alice"), await GetUserAsync("bob") };

        Assert.That((created.Kind, settled.Kind), Is.EqualTo((CommitOutcomeKind.Committed, CommitOutcomeKind.Committed)));
        Assert.That(created.UsersAfterCommit, Is.Null.Or.Empty, "the create changed no balance");
        if (!ReportsUsersAfterCommit)
        {
            Assert.That(settled.UsersAfterCommit, Is.Null);
            return;
        }
        Assert.Multiple(() =>
        {
            Assert.That(settled.UsersAfterCommit, Is.EquivalentTo(after));
            Assert.That(settled.UserAfterCommit("alice"), Is.EqualTo(User("alice", coins: 108) with { Earnings = 5 }));
            Assert.That(settled.UserAfterCommit("bob"), Is.EqualTo(User("bob", coins: 7) with { Earnings = 52 }));
        });
    }

    [Test]
    public async Task A_user_whose_balances_two_patches_change_is_reported_once_with_both_applied_and_one_left_alone_not_at_all()
    {
        await Store.CreateUserAsync(User("alice", coins: 100), None);
        var call = await InsertAsync(Call("c1", "alice", "bob"));

        var outcome = await Store.CommitAsync(new CallCommit(call with { Version = 2 }, 1, [],
            [new UserPatch("alice", "c1", CoinsDelta: -7, HeldDelta: 7), new UserPatch("bob", "c1", OnCall: false),
             new UserPatch("alice", "c1", CoinsDelta: -1, EarningsDelta: 3)]), None);

        Assert.That(outcome.Kind, Is.EqualTo(CommitOutcomeKind.Committed));
        Assert.That(outcome.UsersAfterCommit, ReportsUsersAfterCommit
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
            Assert.That(unpatched.UsersAfterCommit, Is.Null.Or.Empty, "no user was patched");
            Assert.That(repeated, Is.EqualTo(CommitOutcome.AlreadyStored));
            Assert.That(repeated.UsersAfterCommit, Is.Null.Or.Empty, "a commit found already landed did not observe the balances");
            Assert.That(repeated.UserAfterCommit("alice"), Is.Null);
        });
    }
}
