using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Fakes;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// Call services of two (or three) servers on one store and one manual clock, joined by <see cref="LinkedCallCluster"/>:
/// presence is judged across servers, races between servers are decided by the store's compare-and-set, and a server
/// whose lease expired counts its users as disconnected from then.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class ClusteredCallServiceTests
{
    private LinkedCallCluster _cluster = null!;
    private ObservedFakeTimeProvider _time = null!;
    private List<CallServiceHarness> _servers = null!;
    private InMemoryCallStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _cluster = new LinkedCallCluster();
        _time = new ObservedFakeTimeProvider(Start);
        _servers = [];
        _store = new InMemoryCallStore();
        _store.Seed(new UserRecord { Id = Alice, Name = "Alice", Coins = 100 });
        _store.Seed(new UserRecord { Id = Bob, Name = "Bob" });
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }
    }

    private (CallServiceHarness Harness, LinkedCallCluster.Member Member) Server(string name)
    {
        var member = _cluster.Join(name);
        var harness = new CallServiceHarness(store: _store, time: _time, cluster: member);
        member.Service = harness.Service;
        _servers.Add(harness);
        return (harness, member);
    }

    private async Task AdvanceAsync(double seconds)
    {
        _time.Advance(TimeSpan.FromMilliseconds(Math.Round(seconds * 1000)));
        foreach (var server in _servers)
        {
            await server.Service.WhenIdleAsync().DefaultTimeout();
        }
        await _cluster.HintsAppliedAsync().DefaultTimeout();
    }

    /// <summary>Alice (s-a1, on <paramref name="a"/>) calls Bob (s-b1, on <paramref name="b"/>), and b commits his accept.</summary>
    private static async Task<string> AcceptedAcrossAsync(CallServiceHarness a, CallServiceHarness b)
    {
        await a.ConnectAsync(Alice, "s-a1");
        await b.ConnectAsync(Bob, "s-b1");
        var callId = (await a.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout()).Call!.CallId;
        await b.CommandAsync(callId, new CallCommand.Accept(Bob, "s-b1"));
        return callId;
    }

    /// <summary><see cref="AcceptedAcrossAsync"/>, then both join (b commits the start) and every server has had the hints.</summary>
    private async Task<string> ActiveAcrossAsync(CallServiceHarness a, CallServiceHarness b)
    {
        var callId = await AcceptedAcrossAsync(a, b);
        await a.CommandAsync(callId, new CallCommand.Joined(Alice));
        await b.CommandAsync(callId, new CallCommand.Joined(Bob));
        await _cluster.HintsAppliedAsync().DefaultTimeout();
        return callId;
    }

    [Test]
    public async Task A_callee_connected_only_on_the_other_server_rings()
    {
        var (a, _) = Server("a");
        var (b, _) = Server("b");
        await a.ConnectAsync(Alice, "s-a1");
        await b.ConnectAsync(Bob, "s-b1");

        var ack = await a.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout();

        Assert.That(ack.Ok, Is.True, ack.Error?.ToString());
        Assert.That(a.Notifier.Sent("call:incoming"), Has.Count.EqualTo(1), "sent to bob's user room, which reaches his server through the adapter");
    }

    [Test]
    public async Task Two_tabs_on_two_servers_accepting_in_the_same_millisecond_accept_once()
    {
        var (a, _) = Server("a");
        var (b, _) = Server("b");
        await a.ConnectAsync(Alice, "s-a1");
        await a.ConnectAsync(Bob, "s-b1");
        await b.ConnectAsync(Bob, "s-b2");
        var callId = (await a.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout()).Call!.CallId;

        // Same clock, same command: both servers compute the very same record; the store's compare-and-set must still pick one.
        var acks = await Task.WhenAll(
            a.Service.CommandAsync(callId, new CallCommand.Accept(Bob, "s-b1"), CancellationToken.None),
            b.Service.CommandAsync(callId, new CallCommand.Accept(Bob, "s-b2"), CancellationToken.None)).DefaultTimeout();

        Assert.That(acks.Count(ack => ack.Ok), Is.EqualTo(1));
        Assert.That(acks.Single(ack => !ack.Ok).Error!.Code, Is.EqualTo(CallErrorCode.InvalidState));
        Assert.That(_store.Ledger(callId).Select(entry => entry.Key), Is.EqualTo(new[] { $"{callId}:hold" }));
        Assert.That(a.Notifier.Sent("call:proceed").Concat(b.Notifier.Sent("call:proceed")).Count(line => line.Contains("\"role\":\"callee\"")),
            Is.EqualTo(1), "one callee proceed, from the winner");
    }

    [Test]
    public async Task A_relay_on_the_server_that_did_not_commit_the_accept_goes_to_the_peers_room()
    {
        var (a, _) = Server("a");
        var (b, _) = Server("b");
        await a.ConnectAsync(Alice, "s-a1");
        await b.ConnectAsync(Bob, "s-b1");
        var callId = (await a.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout()).Call!.CallId;
        Assert.That((await b.Service.CommandAsync(callId, new CallCommand.Accept(Bob, "s-b1"), CancellationToken.None).DefaultTimeout()).Ok, Is.True);
        await _cluster.HintsAppliedAsync().DefaultTimeout();

        Assert.That(a.Service.ResolveRelay(callId, Alice), Is.EqualTo(new RelayRoute(true, null, null, Bob)), "bob's call socket is on b");
        Assert.That(b.Service.ResolveRelay(callId, Bob), Is.EqualTo(new RelayRoute(true, null, null, Alice)));
        Assert.That(a.Service.ResolveRelay(callId, "mallory").ErrorCode, Is.EqualTo(CallErrorCode.NotParticipant));
    }

    [Test]
    public async Task A_call_socket_taken_over_on_another_server_leaves_the_call_rooms_on_the_first()
    {
        var (a, _) = Server("a");
        var (b, _) = Server("b");
        await a.ConnectAsync(Alice, "s-a1");
        await a.ConnectAsync(Bob, "s-b1");
        await b.ConnectAsync(Bob, "s-b2");
        var callId = (await a.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout()).Call!.CallId;
        await a.CommandAsync(callId, new CallCommand.Accept(Bob, "s-b1"));
        await _cluster.HintsAppliedAsync().DefaultTimeout();

        Assert.That((await b.SyncAsync(Bob, "s-b2", callId)).Ok, Is.True);

        Assert.That(a.Notifier.Lines, Does.Contain($"leave s-b1 {callId}"));
        Assert.That(b.Notifier.Lines, Does.Contain($"join s-b2 {callId}"));
        Assert.That(a.Service.ResolveRelay(callId, Alice), Is.EqualTo(new RelayRoute(true, null, null, Bob)), "a no longer holds bob's call socket");
    }

    [Test]
    public async Task A_user_who_connects_on_another_server_within_the_grace_is_not_gone()
    {
        var (a, _) = Server("a");
        var (b, _) = Server("b");
        var callId = await AcceptedAcrossAsync(a, b);

        a.Disconnect(Alice, "s-a1");
        await AdvanceAsync(1);
        await b.ConnectAsync(Alice, "s-a2");
        await AdvanceAsync(a.Settings.DisconnectGrace.TotalSeconds + 1);

        Assert.That(_store.Call(callId).Status, Is.EqualTo(CallStatus.Accepted));
    }

    [Test]
    public async Task A_server_whose_lease_expired_has_its_participant_interrupted_once_after_the_grace()
    {
        var (a, _) = Server("a");
        var (b, bMember) = Server("b");
        var (c, _) = Server("c");
        var callId = await ActiveAcrossAsync(a, b);

        // b dies: no disconnect handler runs. Its lease expires 10 s later; both survivors find it expired.
        _cluster.Kill(bMember);
        await AdvanceAsync(10);
        var expiredAt = _time.GetUtcNow();
        a.Service.OnServerLost("b", [Bob], expiredAt);
        c.Service.OnServerLost("b", [Bob], expiredAt);
        await AdvanceAsync(a.Settings.DisconnectGrace.TotalSeconds - 0.5);
        Assert.That(_store.Call(callId).Status, Is.EqualTo(CallStatus.Active), "still within the grace from the expiry");

        await AdvanceAsync(0.5);

        var call = _store.Call(callId);
        Assert.That((call.Status, call.InterruptedUserIds), Is.EqualTo((CallStatus.Interrupted, (IReadOnlyList<string>)[Bob])));
        var gone = a.Observer.Transitions.Concat(c.Observer.Transitions).Where(t => t.Action == "disconnect").ToList();
        Assert.That(gone, Has.Count.EqualTo(1), "one server's compare-and-set won; the other found bob away already");
        Assert.That(call.RejoinDeadlines[Bob], Is.EqualTo(expiredAt + a.Settings.DisconnectGrace + a.Settings.RejoinWindow));
        Assert.That(a.Notifier.Sent("call:interrupted").Concat(c.Notifier.Sent("call:interrupted")).ToList(), Has.Count.EqualTo(1),
            "told once, by the winner (to bob's user room; alice's call socket gets call:peer-interrupted through its room)");
    }

    [Test]
    public async Task A_lost_servers_user_who_is_connected_elsewhere_is_left_alone()
    {
        var (a, _) = Server("a");
        var (b, bMember) = Server("b");
        await a.ConnectAsync(Alice, "s-a1");
        await b.ConnectAsync(Bob, "s-b1");
        await a.ConnectAsync(Bob, "s-b2");
        var callId = (await a.Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout()).Call!.CallId;
        await b.CommandAsync(callId, new CallCommand.Accept(Bob, "s-b1"));

        _cluster.Kill(bMember);
        a.Service.OnServerLost("b", [Bob], _time.GetUtcNow());
        await AdvanceAsync(a.Settings.DisconnectGrace.TotalSeconds + 1);

        Assert.That(_store.Call(callId).Status, Is.EqualTo(CallStatus.Accepted), "bob's other tab (on a) keeps him present");
    }

    [Test]
    public async Task A_deadline_armed_by_a_server_that_died_takes_effect_on_the_server_that_knows_the_call()
    {
        var (a, _) = Server("a");
        var (b, bMember) = Server("b");
        var callId = await AcceptedAcrossAsync(a, b);
        await _cluster.HintsAppliedAsync().DefaultTimeout();

        // b committed the accept (and armed the connect deadline), then dies: its timers die with it.
        _cluster.Kill(bMember);
        b.Service.Dispose();
        await AdvanceAsync(a.Settings.ConnectTimeout.TotalSeconds + 0.5);

        Assert.That(_store.Call(callId).Status.IsTerminal(), Is.True, $"a ended the call at the connect deadline: {a.State(callId)}");
        Assert.That(a.Observer.Transitions.Count(t => t.Action == "deadline"), Is.EqualTo(1));
    }

    [Test]
    public async Task Each_server_warns_its_own_participant_so_a_warning_survives_the_server_that_started_the_call()
    {
        var (a, _) = Server("a");
        var (b, bMember) = Server("b");
        var callId = await ActiveAcrossAsync(a, b);
        var endsAt = _store.Call(callId).EndsAt!.Value;

        // b committed the start (and armed its warning), then dies before the warning is due.
        _cluster.Kill(bMember);
        b.Service.Dispose();
        await AdvanceAsync((endsAt - a.Settings.TimeWarning - _time.GetUtcNow()).TotalSeconds + 0.5);

        Assert.That(a.Notifier.Sent("call:time-warning"), Has.Count.EqualTo(1));
        Assert.That(a.Notifier.Sent("call:time-warning")[0], Does.StartWith($"room-here {callId} "), "to a's own call sockets, not through the cluster");
        Assert.That(b.Notifier.Sent("call:time-warning"), Is.Empty);
    }

    [Test]
    public async Task With_both_servers_alive_each_sends_the_warning_to_its_own_participant_once()
    {
        var (a, _) = Server("a");
        var (b, _) = Server("b");
        var callId = await ActiveAcrossAsync(a, b);
        var endsAt = _store.Call(callId).EndsAt!.Value;

        await AdvanceAsync((endsAt - a.Settings.TimeWarning - _time.GetUtcNow()).TotalSeconds + 0.5);

        Assert.That(a.Notifier.Sent("call:time-warning"), Has.Count.EqualTo(1).And.All.StartWith($"room-here {callId} "));
        Assert.That(b.Notifier.Sent("call:time-warning"), Has.Count.EqualTo(1).And.All.StartWith($"room-here {callId} "));
    }
}
