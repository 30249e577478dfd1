using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>§6 relays: allowed in accepted, active and interrupted between participants, to the peer's call socket only.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class RelayRoutingTests
{
    private static async Task<string> Accepted(CallServiceHarness h)
    {
        var id = await h.RingAsync();
        await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));
        return id;
    }

    private static async Task<string> AliceAway(CallServiceHarness h)
    {
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        return id;
    }

    private static async Task<string> BobResynced(CallServiceHarness h)
    {
        var id = await h.ActiveCallAsync();
        await h.ConnectAsync(Bob, "s-b2");
        await h.SyncAsync(Bob, "s-b2", id);
        return id;
    }

    private static async Task<string> AliceRejoinedFromAnotherTab(CallServiceHarness h)
    {
        var id = await AliceAway(h);
        await h.ConnectAsync(Alice, "s-a2");
        await h.RejoinAsync(Alice, "s-a2", id);
        return id;
    }

    private static async Task<string> Ended(CallServiceHarness h)
    {
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: true));
        return id;
    }

    private static TestCaseData Row(string name, Func<CallServiceHarness, Task<string>> setup, string user, RelayRoute route) =>
        new TestCaseData(setup, user, route).SetName(name);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Row("ringing: not yet", h => h.RingAsync(), Alice, new(false, null, CallErrorCode.InvalidState));
        yield return Row("ringing: not yet for the callee either", h => h.RingAsync(), Bob, new(false, null, CallErrorCode.InvalidState));
        yield return Row("accepted: caller to the callee's accepting socket", Accepted, Alice, new(true, "s-b1", null));
        yield return Row("accepted: callee to the caller's requesting socket", Accepted, Bob, new(true, "s-a1", null));
        yield return Row("active: a stranger", h => h.ActiveCallAsync(), Carol, new(false, null, CallErrorCode.NotParticipant));
        yield return Row("interrupted: the present side, the away peer has no call socket", AliceAway, Bob, new(true, null, null));
        yield return Row("interrupted: the away side still reaches the present peer", AliceAway, Alice, new(true, "s-b1", null));
        yield return Row("after a re-sync: to the peer's new socket", BobResynced, Alice, new(true, "s-b2", null));
        yield return Row("after a rejoin from another tab: to that tab", AliceRejoinedFromAnotherTab, Bob, new(true, "s-a2", null));
        yield return Row("ended: no longer live", Ended, Alice, new(false, null, null));
        yield return Row("unknown call", _ => Task.FromResult("no-such-call"), Alice, new(false, null, null));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Routes(Func<CallServiceHarness, Task<string>> setup, string user, RelayRoute route)
    {
        using var h = new CallServiceHarness();
        var id = await setup(h);

        Assert.That(h.Service.ResolveRelay(id, user), Is.EqualTo(route));
    }

    [TestCase(Alice, "call_ended")]
    [TestCase(Carol, "not_participant")]
    public async Task ExplainsAnEndedCall(string user, string code)
    {
        using var h = new CallServiceHarness();
        var id = await Ended(h);

        Assert.That(await h.Service.ExplainMissingCallAsync(id, user, CancellationToken.None), Is.EqualTo(code));
    }

    [Test]
    public async Task ExplainsAnUnknownCall()
    {
        using var h = new CallServiceHarness();

        Assert.That(await h.Service.ExplainMissingCallAsync("no-such-call", Alice, CancellationToken.None), Is.EqualTo("call_not_found"));
    }
}
