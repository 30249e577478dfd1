using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>Soft ends, rejoins, drops and reloads through the official socket.io-client.</summary>
[TestFixture(TestStore.Sqlite, CallTopology.OneServer, Category = TestCategories.Node)]
[TestFixture(TestStore.MongoDB, CallTopology.OneServer, Category = TestCategories.Mongo)]
[TestFixture(TestStore.Sqlite, CallTopology.TwoServers, Category = TestCategories.Cluster)]
[Parallelizable(ParallelScope.None)]
public sealed class InterruptionTests(TestStore store, CallTopology topology)
{
    private CallKit _kit = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Calls:DisconnectGrace"] = "00:00:02" }, store: store, topology: topology);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // Null when the MongoDB variant was skipped before it started a server.
        if (_kit is not null)
        {
            await _kit.DisposeAsync();
        }
    }

    private static string Unique(string name) => $"{name}-{TestContext.CurrentContext.Test.ID}";

    [Test]
    public async Task Soft_end_then_rejoin_gives_both_sides_the_same_remaining_time()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.StartCallAsync(alice, bob);

        var endAck = await _kit.Clients.EmitAsync(alice, "call:end", new { callId });
        Assert.That(endAck.GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("interrupted"));
        var interrupted = await _kit.Clients.NextEventAsync(alice, "call:interrupted");
        var peer = await _kit.Clients.NextEventAsync(bob, "call:peer-interrupted");
        Assert.That(interrupted.GetProperty("canRejoin").GetBoolean(), Is.True);
        Assert.That(peer.GetProperty("userId").GetString(), Is.EqualTo(alice));
        Assert.That(peer.GetProperty("remainingTime").GetInt32(), Is.EqualTo(interrupted.GetProperty("remainingTime").GetInt32()));
        Assert.That(peer.GetProperty("rejoinDeadline").GetString(), Is.EqualTo(interrupted.GetProperty("rejoinDeadline").GetString()));

        var rejoin = await _kit.Clients.EmitAsync(alice, "call:rejoin", new { callId });
        CallKit.AssertOk(rejoin);
        var rejoined = await _kit.Clients.NextEventAsync(alice, "call:rejoined");
        var peerRejoined = await _kit.Clients.NextEventAsync(bob, "call:peer-rejoined");
        Assert.That(rejoined.GetProperty("status").GetString(), Is.EqualTo("active"));
        Assert.That(peerRejoined.GetProperty("status").GetString(), Is.EqualTo("active"));
        Assert.That(rejoined.GetProperty("remainingTime").GetInt32(), Is.EqualTo(peerRejoined.GetProperty("remainingTime").GetInt32()));
        Assert.That(rejoin.GetProperty("media").GetProperty("initiator").GetBoolean(), Is.True, "the rejoiner creates the new offer");
        Assert.That(rejoined.GetProperty("media").GetProperty("provider").GetString(), Is.EqualTo("webrtc"));
        Assert.That(peerRejoined.GetProperty("userId").GetString(), Is.EqualTo(alice));
    }

    [Test]
    public async Task A_second_drop_after_the_rejoin_ends_the_call_hard()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.StartCallAsync(alice, bob);
        await _kit.Clients.EmitAsync(alice, "call:end", new { callId });
        CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }));

        // The second time alice goes away (her tab closes), the call ends for good.
        _kit.Clients.Disconnect(alice);
        var ended = await _kit.Clients.NextEventAsync(bob, "call:ended", TimeSpan.FromSeconds(5));
        Assert.That((ended.GetProperty("status").GetString(), ended.GetProperty("reason").GetString()), Is.EqualTo(("ended", "disconnected")));
    }

    [Test]
    public async Task A_user_who_rejoined_cannot_rejoin_again()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.StartCallAsync(alice, bob);
        await _kit.Clients.EmitAsync(alice, "call:end", new { callId });
        CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }));
        await _kit.Clients.EmitAsync(bob, "call:end", new { callId });
        await _kit.Clients.NextEventAsync(alice, "call:peer-interrupted");

        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }), CallErrorCode.RejoinUsed);
        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:end", new { callId = "no-such-call" }), CallErrorCode.CallNotFound);
        var call = await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None);
        Assert.That((call!.Status, call.RejoinedUserIds), Is.EqualTo((CallStatus.Interrupted, (IReadOnlyList<string>)[alice])));
    }

    [Test]
    public async Task A_rejoin_after_the_deadline_is_refused_and_the_call_ends_with_rejoin_timeout()
    {
        // The server runs on fake time, so the moment between the deadline and its timer can be held still: AdjustTime moves
        // the clock past the deadline without firing the timer (FakeTimeProvider keeps timers relative, as a real clock
        // change would), and advancing by the window then fires it.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Calls:RejoinWindow"] = "00:00:01" },
            services => services.AddSingleton<TimeProvider>(time), store);
        kit.WebSocketOnly = true;
        var (alice, bob) = (await kit.UserAsync("alice"), await kit.UserAsync("bob"));
        var callId = await kit.StartCallAsync(alice, bob);
        await kit.Clients.EmitAsync(alice, "call:end", new { callId });
        var interrupted = await kit.Clients.NextEventAsync(alice, "call:interrupted");
        var deadline = DateTimeOffset.Parse(interrupted.GetProperty("rejoinDeadline").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        time.AdjustTime(deadline + TimeSpan.FromMilliseconds(200));

        CallKit.AssertError(await kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }), CallErrorCode.RejoinExpired);
        time.Advance(TimeSpan.FromSeconds(1));
        var ended = await kit.Clients.NextEventAsync(bob, "call:ended");
        Assert.That(ended.GetProperty("reason").GetString(), Is.EqualTo("rejoin_timeout"));
    }

    [Test]
    public async Task A_network_drop_within_the_grace_keeps_the_call_and_the_rejoin()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.StartCallAsync(alice, bob);
        _kit.Clients.Drop(alice);
        var reconnected = await _kit.Clients.NextRecordAsync(alice, "connect");
        Assert.That(reconnected.GetProperty("recovered").GetBoolean(), Is.True, "connection state recovery restored the socket");
        var state = await _kit.Clients.NextEventAsync(alice, "call:state");
        Assert.That(state.GetProperty("you").GetProperty("away").GetBoolean(), Is.False);

        // Still the call socket: relays reach it without a resync.
        CallKit.AssertOk(await _kit.Clients.EmitAsync(bob, "call:ice", new { callId, candidate = "c1" }));
        var relayed = await _kit.Clients.NextEventAsync(alice, "call:ice");
        Assert.That(relayed.GetProperty("from").GetString(), Is.EqualTo(bob));

        var call = await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None);
        Assert.That((call!.Status, call.RejoinedUserIds.Count, call.InterruptedUserIds.Count), Is.EqualTo((CallStatus.Active, 0, 0)));
        Assert.That(_kit.Clients.Count(bob, "call:peer-interrupted"), Is.Zero);
    }

    [Test]
    public async Task A_reloaded_tab_resumes_with_call_sync_and_the_peer_is_told_to_expect_an_offer()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.StartCallAsync(alice, bob);
        _kit.Clients.Disconnect(alice);
        var state = await _kit.TabAsync(alice + "#reload", alice);
        Assert.That(state.GetProperty("call").GetProperty("callId").GetString(), Is.EqualTo(callId));
        Assert.That(state.GetProperty("you").GetProperty("away").GetBoolean(), Is.False);
        Assert.That(state.GetProperty("you").GetProperty("canRejoin").GetBoolean(), Is.False);

        var sync = await _kit.Clients.EmitAsync(alice + "#reload", "call:sync", new { callId });
        CallKit.AssertOk(sync);
        Assert.That(sync.GetProperty("initiator").GetBoolean(), Is.True);
        var resumed = await _kit.Clients.NextEventAsync(bob, "call:peer-resumed");
        Assert.That((resumed.GetProperty("userId").GetString(), resumed.GetProperty("initiator").GetBoolean()), Is.EqualTo((alice, false)));

        CallKit.AssertOk(await _kit.Clients.EmitAsync(bob, "call:signal", new { callId, data = new { type = "offer", sdp = "v=0" } }));
        var relayed = await _kit.Clients.NextEventAsync(alice + "#reload", "call:signal");
        Assert.That(relayed.GetProperty("data").GetProperty("type").GetString(), Is.EqualTo("offer"));
        var call = await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None);
        Assert.That((call!.Status, call.RejoinedUserIds.Count), Is.EqualTo((CallStatus.Active, 0)));
    }
}
