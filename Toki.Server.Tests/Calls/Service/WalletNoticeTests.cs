using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// <c>wallet:updated</c> carries the balances the commit left: taken from the store's answer when it reports the users
/// after the commit, read back after the commit when it does not (or when the commit was found already landed). Either way the
/// notices are the same; only the reads differ.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class WalletNoticeTests
{
    [TestCase(true, 0, TestName = "A cycle's wallet notices come from the commits when the store reports the users after them")]
    [TestCase(false, 1, TestName = "A cycle's wallet notices read each user back when the store does not report them")]
    public async Task A_cycle_sends_the_committed_balances(bool reported, int readsPerNotice)
    {
        using var h = new CallServiceHarness();
        h.Store.ReportsUsersAfterCommit = reported;
        var id = await h.RingAsync();
        await h.AdvanceAsync(2);
        var beforeAccept = h.Store.UserReads;

        await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));

        Assert.That(ReadsSince(h, beforeAccept), Is.EqualTo((1 + readsPerNotice, 0)), "the accept reads the caller's coins, then the wallet");
        await h.AdvanceAsync(1);
        await h.CommandAsync(id, new CallCommand.Joined(Alice));
        await h.CommandAsync(id, new CallCommand.Joined(Bob));
        await h.AdvanceAsync(10);
        var beforeEnd = h.Store.UserReads;

        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true));

        Assert.That(ReadsSince(h, beforeEnd), Is.EqualTo((readsPerNotice, readsPerNotice)));
        Assert.That(h.State(id), Is.EqualTo("ended hung_up"));
        Assert.That(h.Notifier.Sent("wallet:updated"), Is.EqualTo(new[] { Wallet(Alice, 50, 50, 0), Wallet(Alice, 98, 0, 0), Wallet(Bob, 0, 0, 2) }));
    }

    [Test]
    public async Task A_deadline_that_settles_the_call_sends_the_committed_balances_without_reading_the_users()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        h.Notifier.Clear();
        var before = h.Store.UserReads;

        await h.AdvanceAsync(240);
        await h.AdvanceAsync(60);

        Assert.That(h.State(id), Is.EqualTo("ended completed"));
        Assert.That(h.Notifier.Sent("wallet:updated"), Is.EqualTo(new[] { Wallet(Alice, 50, 0, 0), Wallet(Bob, 0, 0, 50) }));
        Assert.That(ReadsSince(h, before), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task An_end_found_already_landed_on_its_repeat_reads_the_balances_back()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        h.Store.ReportNextCommitsAsUnknown(1, landed: true);
        var before = h.Store.UserReads;

        var ack = await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: true));

        Assert.That((ack.Ok, h.State(id)), Is.EqualTo((true, "ended hung_up")));
        Assert.That(ReadsSince(h, before), Is.EqualTo((1, 1)), "the repeat observed no balances, so each user is read");
        Assert.That(h.Notifier.Sent("wallet:updated"), Is.EqualTo(new[] { Wallet(Alice, 50, 50, 0), Wallet(Alice, 98, 0, 0), Wallet(Bob, 0, 0, 2) }));
    }

    [Test]
    public async Task A_notice_reports_the_balances_as_the_commit_left_them_not_as_a_later_change_does()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        h.Notifier.Clear();
        // An operator changes bob's coins after the commit and before the effects run: the commit's own answer is what is sent.
        h.Store.AfterCommit = _ => h.Store.Seed(h.Store.User(Bob) with { Coins = 1_000 });

        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: true));

        Assert.That(h.Notifier.Sent("wallet:updated"), Is.EqualTo(new[] { Wallet(Alice, 98, 0, 0), Wallet(Bob, 0, 0, 2) }));
    }

    private static (int Alice, int Bob) ReadsSince(CallServiceHarness h, IReadOnlyDictionary<string, int> before)
    {
        var now = h.Store.UserReads;
        return (now.GetValueOrDefault(Alice) - before.GetValueOrDefault(Alice), now.GetValueOrDefault(Bob) - before.GetValueOrDefault(Bob));
    }
}
