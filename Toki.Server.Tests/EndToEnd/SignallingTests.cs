using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>Relays reach the other participant only, with <c>from</c> set by the server; strangers are refused.</summary>
[TestFixture(TestStore.Sqlite, CallTopology.OneServer, Category = TestCategories.Node)]
[TestFixture(TestStore.MongoDB, CallTopology.OneServer, Category = TestCategories.Mongo)]
[TestFixture(TestStore.Sqlite, CallTopology.TwoServers, Category = TestCategories.Cluster)]
[Parallelizable(ParallelScope.None)]
public sealed class SignallingTests(TestStore store, CallTopology topology)
{
    private CallKit _kit = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kit = await CallKit.StartAsync(store: store, topology: topology);

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

    [TestCase("call:signal")]
    [TestCase("call:offer")]
    [TestCase("call:answer")]
    [TestCase("call:ice")]
    [TestCase("call:media")]
    public async Task A_relay_reaches_only_the_other_participant_with_from_set_by_the_server(string relay)
    {
        var (alice, bob, eve) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")), await _kit.UserAsync(Unique("eve")));
        await _kit.TabAsync(bob + "#2", bob);
        var callId = await _kit.StartCallAsync(alice, bob);

        var ack = await _kit.Clients.EmitAsync(alice, relay, new { callId, from = "forged", payload = new { sdp = "v=0\r\n", nested = new[] { 1, 2 } } });
        Assert.That(ack.GetRawText(), Is.EqualTo("""{"ok":true}"""));
        var relayed = await _kit.Clients.NextEventAsync(bob, relay);
        Assert.That(relayed.GetRawText(), Is.EqualTo($$"""{"callId":"{{callId}}","payload":{"sdp":"v=0\r\n","nested":[1,2]},"from":"{{alice}}"}"""));

        CallKit.AssertError(await _kit.Clients.EmitAsync(eve, relay, new { callId, x = 1 }), CallErrorCode.NotParticipant);
        // A marker relay proves the earlier ones were delivered (or not) by now.
        CallKit.AssertOk(await _kit.Clients.EmitAsync(bob, relay, new { callId, marker = true }));
        await _kit.Clients.NextEventAsync(alice, relay);
        Assert.That(_kit.Clients.Count(alice, relay), Is.EqualTo(1), "the sender gets nothing back");
        Assert.That(_kit.Clients.Count(bob + "#2", relay), Is.Zero, "only the call socket, not the other tabs");
        Assert.That(_kit.Clients.Count(eve, relay), Is.Zero);
    }

    [Test]
    public async Task Relays_are_refused_while_ringing_and_after_the_end()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.RequestAsync(alice, bob);
        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:signal", new { callId }), CallErrorCode.InvalidState);
        CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:cancel", new { callId }));
        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:signal", new { callId }), CallErrorCode.CallEnded);
        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:signal", new { callId = "000000000000000000000000" }), CallErrorCode.CallNotFound);
    }

    [Test]
    public async Task Strangers_get_not_participant_for_every_call_action()
    {
        var (alice, bob, eve) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")), await _kit.UserAsync(Unique("eve")));
        var callId = await _kit.RequestAsync(alice, bob);
        foreach (var action in new[] { "call:accept", "call:reject", "call:cancel", "call:joined", "call:end", "call:ended", "call:rejoin", "call:sync", "call:renew-token" })
        {
            CallKit.AssertError(await _kit.Clients.EmitAsync(eve, action, new { callId }), CallErrorCode.NotParticipant);
        }
        var call = await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None);
        Assert.That((call!.Status, call.Version), Is.EqualTo((CallStatus.Pending, 1L)));
    }
}
