using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// A participant's action on a live call is decided on the service's cached copy of the call, without reading it from
/// the store; the compare-and-set checks that copy, and a refusal is decided again on a fresh read. Two services on one
/// store stand for two servers that have not heard of each other's commits.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CachedCallReadTests
{
    [Test]
    public async Task A_call_cycle_on_one_server_reads_the_call_from_the_store_for_none_of_its_actions()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        var reads = 0;
        h.Store.BeforeGetCall = (_, _) =>
        {
            Interlocked.Increment(ref reads);
            return Task.CompletedTask;
        };

        Assert.That((await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"))).Ok, Is.True);
        Assert.That((await h.CommandAsync(id, new CallCommand.Joined(Alice))).Ok, Is.True);
        Assert.That((await h.CommandAsync(id, new CallCommand.Joined(Bob))).Ok, Is.True);
        Assert.That((await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true))).Ok, Is.True);

        Assert.That((reads, h.State(id)), Is.EqualTo((0, "ended hung_up")));
    }

    [Test]
    public async Task An_action_the_stale_cached_copy_would_refuse_is_decided_on_the_stored_call()
    {
        using var first = new CallServiceHarness();
        using var second = new CallServiceHarness(store: first.Store, time: first.Time);
        var id = await first.RingAsync();
        Assert.That((await second.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"))).Ok, Is.True, "accepted on the other server");

        // The first server still caches the ringing call, on which a join is refused.
        var ack = await first.CommandAsync(id, new CallCommand.Joined(Alice));

        Assert.That(ack.Ok, Is.True, ack.Error?.Code);
        Assert.That(first.Store.Call(id).JoinedUserIds, Is.EquivalentTo(new[] { Alice }));
        Assert.That(first.Store.Call(id).Version, Is.EqualTo(3));
    }

    [Test]
    public async Task An_action_on_a_stale_cached_copy_loses_the_compare_and_set_and_is_decided_again()
    {
        using var first = new CallServiceHarness();
        using var second = new CallServiceHarness(store: first.Store, time: first.Time);
        var id = await first.RingAsync();
        Assert.That((await second.CommandAsync(id, new CallCommand.Cancel(Alice))).Ok, Is.True, "cancelled on the other server");
        var commits = first.Store.CommitCount;

        // On the cached ringing call the accept would commit; the store holds a newer version, which is over.
        var ack = await first.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));

        Assert.That(ack.Ok ? "ok" : ack.Error!.Code, Is.EqualTo("call_ended"));
        Assert.That((first.Store.CommitCount, first.State(id)), Is.EqualTo((commits, "cancelled cancelled")));
    }

    [Test]
    public async Task A_request_that_rings_leaves_the_busy_checks_to_its_commit_and_reads_no_live_call()
    {
        using var h = new CallServiceHarness();
        // Connecting looks up the user's live call (its call:state); the request is what is counted.
        await h.ConnectAsync(Alice, "s-a1");
        await h.ConnectAsync(Bob, "s-b1");
        var lookups = 0;
        h.Store.AfterFindLiveCall = _ =>
        {
            Interlocked.Increment(ref lookups);
            return Task.CompletedTask;
        };

        var id = await h.RingAsync();

        Assert.That((lookups, h.State(id)), Is.EqualTo((0, "pending")));
    }

    [TestCase(false, "callee_busy", TestName = "A busy callee who went offline is refused as busy, the earlier check")]
    [TestCase(true, "caller_busy", TestName = "A busy caller short of coins is refused as busy, the earlier check")]
    public async Task Busy_comes_before_the_later_refusals(bool callerBusy, string code)
    {
        using var h = new CallServiceHarness();
        await h.RingAsync();
        await h.ConnectAsync(Carol, "s-c1");
        string caller, callee;
        if (callerBusy)
        {
            await h.Store.SetCoinsAsync(Alice, 0, CancellationToken.None);
            (caller, callee) = (Alice, Carol);
        }
        else
        {
            h.Disconnect(Bob, "s-b1");
            (caller, callee) = (Carol, Bob);
        }
        var commits = h.Store.CommitCount;

        var ack = await h.Service.RequestAsync(caller, "s-x", callee, CallType.Audio, CancellationToken.None);

        Assert.That((ack.Ok ? "ok" : ack.Error!.Code, h.Store.CommitCount), Is.EqualTo((code, commits)));
    }
}
