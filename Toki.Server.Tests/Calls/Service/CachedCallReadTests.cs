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
}
