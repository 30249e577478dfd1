using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>A user's tabs share <c>user:&lt;id&gt;</c>: ringing reaches all, answering clears the others, races resolve once.</summary>
[TestFixture(TestStore.Sqlite, CallTopology.OneServer, Category = TestCategories.Node)]
[TestFixture(TestStore.MongoDB, CallTopology.OneServer, Category = TestCategories.Mongo)]
[TestFixture(TestStore.Sqlite, CallTopology.TwoServers, Category = TestCategories.Cluster)]
[Parallelizable(ParallelScope.None)]
public sealed class MultiTabTests(TestStore store, CallTopology topology)
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

    [Test]
    public async Task Ringing_reaches_every_tab_and_answering_on_one_clears_the_others()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        await _kit.TabAsync(bob + "#2", bob);
        await _kit.TabAsync(alice + "#2", alice);
        var callId = await _kit.RequestAsync(alice, bob);
        await _kit.Clients.NextEventAsync(bob, "call:incoming");
        await _kit.Clients.NextEventAsync(bob + "#2", "call:incoming");
        await _kit.Clients.NextEventAsync(alice + "#2", "call:ringing");

        await _kit.AcceptAsync(bob + "#2", callId);
        await _kit.Clients.NextEventAsync(bob + "#2", "call:proceed");
        foreach (var other in new[] { bob, alice + "#2" })
        {
            var cleared = await _kit.Clients.NextEventAsync(other, "call:clear-all");
            Assert.That((cleared.GetProperty("callId").GetString(), cleared.GetProperty("reason").GetString()), Is.EqualTo((callId, "answered_elsewhere")));
        }
        Assert.That(_kit.Clients.Count(bob, "call:proceed"), Is.Zero);
        Assert.That(_kit.Clients.Count(bob + "#2", "call:clear-all"), Is.Zero);
    }

    [Test]
    public async Task Two_tabs_accepting_at_once_accept_once()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        await _kit.TabAsync(bob + "#2", bob);
        var callId = await _kit.RequestAsync(alice, bob);
        var first = _kit.Clients.EmitAsync(bob, "call:accept", new { callId });
        var second = _kit.Clients.EmitAsync(bob + "#2", "call:accept", new { callId });
        var acks = await Task.WhenAll(first, second);
        Assert.That(acks.Count(a => a.GetProperty("ok").GetBoolean()), Is.EqualTo(1));
        CallKit.AssertError(acks.Single(a => !a.GetProperty("ok").GetBoolean()), CallErrorCode.InvalidState);
        var ledger = await _kit.Server.Store.GetLedgerAsync(callId, CancellationToken.None);
        Assert.That(ledger.Select(e => e.Key), Is.EqualTo(new[] { $"{callId}:hold" }));
    }

    [Test]
    public async Task A_rejoin_raced_from_two_tabs_succeeds_once()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        await _kit.TabAsync(alice + "#2", alice);
        var callId = await _kit.StartCallAsync(alice, bob);
        await _kit.Clients.EmitAsync(alice, "call:end", new { callId });
        var acks = await Task.WhenAll(
            _kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }),
            _kit.Clients.EmitAsync(alice + "#2", "call:rejoin", new { callId }));
        Assert.That(acks.Count(a => a.GetProperty("ok").GetBoolean()), Is.EqualTo(1));
        CallKit.AssertError(acks.Single(a => !a.GetProperty("ok").GetBoolean()), CallErrorCode.RejoinUsed);
        var call = await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None);
        Assert.That((call!.Status, call.RejoinedUserIds), Is.EqualTo((CallStatus.Active, (IReadOnlyList<string>)[alice])));
    }

    [Test]
    public async Task A_third_caller_gets_callee_busy_while_it_rings()
    {
        var (alice, bob, carol) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")), await _kit.UserAsync(Unique("carol")));
        await _kit.RequestAsync(alice, bob);
        CallKit.AssertError(await _kit.Clients.EmitAsync(carol, "call:request", new { calleeId = bob, type = "audio" }), CallErrorCode.CalleeBusy);
        CallKit.AssertError(await _kit.Clients.EmitAsync(carol, "call:request", new { calleeId = alice, type = "audio" }), CallErrorCode.CalleeBusy);
        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:request", new { calleeId = carol, type = "audio" }), CallErrorCode.CallerBusy);
    }
}
