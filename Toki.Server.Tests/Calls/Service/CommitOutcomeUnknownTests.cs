using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// A commit the store could not confirm (a write-concern timeout, a lost commit answer) is repeated as it was: the store
/// recognises a commit that landed, so the call is placed or changed once and its effects (notifications, timers) run once.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CommitOutcomeUnknownTests
{
    private static async Task<CallResult> RequestAsync(CallServiceHarness h)
    {
        await h.ConnectAsync(Alice, "s-a1");
        await h.ConnectAsync(Bob, "s-b1");
        return await h.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout();
    }

    [Test]
    public async Task A_request_whose_commit_landed_but_went_unconfirmed_places_the_call_once_and_rings()
    {
        using var h = new CallServiceHarness();
        h.Store.ReportNextCommitsAsUnknown(1, landed: true);

        var ack = await RequestAsync(h);

        Assert.That(ack.Ok, Is.True, "recognised as its own call, not refused as caller_busy");
        var id = ack.Call!.CallId;
        Assert.Multiple(() =>
        {
            Assert.That(h.Store.CommitCount, Is.EqualTo(1));
            Assert.That(h.Notifier.Sent("call:incoming"), Has.Count.EqualTo(1));
            Assert.That(h.Logger.Named("CommitOutcomeUnknown"), Has.Count.EqualTo(1));
            Assert.That(h.Logger.Named("CommitOutcomeResolved").Single().Message, Does.Contain("answered Committed (attempt 2)"));
        });
        await h.AdvanceAsync(h.Settings.RingTimeout.TotalSeconds);
        Assert.That(h.State(id), Is.EqualTo("missed no_answer"), "the ring timer was armed");
    }

    [Test]
    public async Task An_accept_whose_commit_never_landed_is_applied_by_the_repeat_and_holds_the_coins_once()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        h.Store.ReportNextCommitsAsUnknown(1, landed: false);

        var ack = await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));

        Assert.That(ack.Ok, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(h.State(id), Is.EqualTo("accepted"));
            Assert.That(h.Store.Ledger(id).Select(e => e.Kind), Is.EqualTo(new[] { LedgerKind.Hold }));
            Assert.That(h.Store.User(Alice).HeldCoins + h.Store.User(Alice).Coins, Is.EqualTo(100));
            Assert.That(h.Store.User(Alice).HeldCoins, Is.EqualTo(h.Store.Call(id).HoldCoins));
            Assert.That(h.Notifier.Sent("call:proceed"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_repeat_that_fails_as_unavailable_keeps_the_outcome_unknown_and_is_repeated_again()
    {
        using var h = new CallServiceHarness();
        h.Store.ReportNextCommitsAsUnknown(1, landed: true);
        h.Store.FailNextCommits(1);

        var ack = await RequestAsync(h);

        Assert.That(ack.Ok, Is.True);
        Assert.That(h.Store.CommitCount, Is.EqualTo(1));
        Assert.That(h.Logger.Named("CommitOutcomeUnknown"), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_store_that_never_confirms_fails_the_action_as_an_unknown_outcome_after_three_attempts()
    {
        using var h = new CallServiceHarness();
        h.Store.ReportNextCommitsAsUnknown(3, landed: false);

        Assert.That(() => RequestAsync(h), Throws.TypeOf<CallStoreOutcomeUnknownException>());
        Assert.That(h.Store.CommitCount, Is.Zero);
        Assert.That(h.Notifier.Sent("call:incoming"), Is.Empty);
    }

    [Test]
    public void A_plain_unavailable_first_attempt_is_not_repeated()
    {
        using var h = new CallServiceHarness();
        h.Store.FailNextCommits(1);

        Assert.That(() => RequestAsync(h), Throws.TypeOf<CallStoreUnavailableException>());
        Assert.That(h.Logger.Named("CommitOutcomeUnknown"), Is.Empty);
        Assert.That(h.Store.CommitCount, Is.Zero);
    }
}
