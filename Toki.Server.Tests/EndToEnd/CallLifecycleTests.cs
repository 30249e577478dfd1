using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>Whole calls through the official socket.io-client: placed, answered or not, ended, settled.</summary>
[TestFixture(TestStore.Sqlite, CallTopology.OneServer, Category = TestCategories.Node)]
[TestFixture(TestStore.MongoDB, CallTopology.OneServer, Category = TestCategories.Mongo)]
[TestFixture(TestStore.Sqlite, CallTopology.TwoServers, Category = TestCategories.Cluster)]
[Parallelizable(ParallelScope.None)]
public sealed class CallLifecycleTests(TestStore store, CallTopology topology)
{
    private CallKit _kit = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kit = await CallKit.StartAsync(new Dictionary<string, string?>
    {
        ["Calls:MaxDuration"] = "00:00:04",
        ["Calls:TimeWarning"] = "00:00:02",
    }, store: store, topology: topology);

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
    public async Task Happy_path_settles_exactly_the_connected_seconds()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice"), coins: 100), await _kit.UserAsync(Unique("bob"), coins: 0));
        var callId = await _kit.RequestAsync(alice, bob);

        var incoming = await _kit.Clients.NextEventAsync(bob, "call:incoming");
        Assert.That(incoming.GetProperty("caller").GetProperty("id").GetString(), Is.EqualTo(alice));
        Assert.That(incoming.GetProperty("type").GetString(), Is.EqualTo("video"));
        var ringing = await _kit.Clients.NextEventAsync(alice, "call:ringing");
        Assert.That(ringing.GetProperty("calleeId").GetString(), Is.EqualTo(bob));

        await _kit.AcceptAsync(bob, callId);
        var aliceProceed = await _kit.Clients.NextEventAsync(alice, "call:proceed");
        var bobProceed = await _kit.Clients.NextEventAsync(bob, "call:proceed");
        Assert.That(aliceProceed.GetProperty("role").GetString(), Is.EqualTo("caller"));
        Assert.That(aliceProceed.GetProperty("media").GetProperty("initiator").GetBoolean(), Is.True);
        Assert.That(bobProceed.GetProperty("media").GetProperty("initiator").GetBoolean(), Is.False);
        Assert.That(aliceProceed.GetProperty("durationLimit").GetInt32(), Is.EqualTo(4), "min(MaxDuration 4 s, 100 coins at 60/min)");
        var held = await _kit.Clients.NextEventAsync(alice, "wallet:updated");
        Assert.That((held.GetProperty("coins").GetInt64(), held.GetProperty("heldCoins").GetInt64()), Is.EqualTo((96L, 4L)));

        CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:joined", new { callId }));
        CallKit.AssertOk(await _kit.Clients.EmitAsync(bob, "call:joined", new { callId }));
        var started = await _kit.Clients.NextEventAsync(alice, "call:started");
        Assert.That(started.GetProperty("remainingTime").GetInt32(), Is.EqualTo(4));
        await _kit.Clients.NextEventAsync(bob, "call:started");

        CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:end", new { callId, permanent = true }));
        var ended = await _kit.Clients.NextEventAsync(bob, "call:ended");
        Assert.That(ended.GetProperty("status").GetString(), Is.EqualTo("ended"));
        Assert.That(ended.GetProperty("reason").GetString(), Is.EqualTo("hung_up"));
        var billed = ended.GetProperty("billedSeconds").GetInt32();
        var charged = ended.GetProperty("coinsCharged").GetInt64();
        Assert.That(billed, Is.InRange(1, 4));
        Assert.That(charged, Is.EqualTo(billed), "60 coins per minute: one coin per started second");
        Assert.That((await _kit.Clients.NextEventAsync(alice, "call:clear-all")).GetProperty("reason").GetString(), Is.EqualTo("hung_up"));

        var caller = await _kit.Server.Store.GetUserAsync(alice, CancellationToken.None);
        var callee = await _kit.Server.Store.GetUserAsync(bob, CancellationToken.None);
        Assert.That((caller!.Coins, caller.HeldCoins, caller.IsOnCall, caller.CurrentCallId), Is.EqualTo((100 - charged, 0L, false, (string?)null)));
        Assert.That((callee!.Coins, callee.Earnings, callee.IsOnCall), Is.EqualTo((0L, charged, false)));
        var ledger = await _kit.Server.Store.GetLedgerAsync(callId, CancellationToken.None);
        Assert.That(ledger.Select(e => (e.Key, e.UserId, e.Amount)), Is.EquivalentTo(new[]
        {
            ($"{callId}:hold", alice, 4L), ($"{callId}:release", alice, 4L), ($"{callId}:charge", alice, charged), ($"{callId}:earn", bob, charged),
        }));
        var aliceWallet = await _kit.Clients.NextEventAsync(alice, "wallet:updated");
        Assert.That(aliceWallet.GetProperty("coins").GetInt64(), Is.EqualTo(100 - charged));
        Assert.That((await _kit.Clients.NextEventAsync(bob, "wallet:updated")).GetProperty("earnings").GetInt64(), Is.EqualTo(charged));
    }

    [Test]
    public async Task Reject_ends_the_call_for_both_without_charge()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.RequestAsync(alice, bob, "audio");
        await _kit.Clients.NextEventAsync(bob, "call:incoming");
        CallKit.AssertOk(await _kit.Clients.EmitAsync(bob, "call:reject", new { callId }));
        foreach (var user in new[] { alice, bob })
        {
            var ended = await _kit.Clients.NextEventAsync(user, "call:ended");
            Assert.That((ended.GetProperty("status").GetString(), ended.GetProperty("reason").GetString(), ended.GetProperty("coinsCharged").GetInt64()),
                Is.EqualTo(("rejected", "rejected", 0L)));
        }
        Assert.That(await _kit.Server.Store.GetLedgerAsync(callId, CancellationToken.None), Is.Empty);
        Assert.That((await _kit.Server.Store.GetUserAsync(alice, CancellationToken.None))!.Coins, Is.EqualTo(1000));
    }

    [Test]
    public async Task Cancel_while_ringing()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.RequestAsync(alice, bob);
        CallKit.AssertError(await _kit.Clients.EmitAsync(alice, "call:accept", new { callId }), CallErrorCode.NotAllowed);
        CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:cancel", new { callId }));
        var ended = await _kit.Clients.NextEventAsync(bob, "call:ended");
        Assert.That((ended.GetProperty("status").GetString(), ended.GetProperty("reason").GetString()), Is.EqualTo(("cancelled", "cancelled")));
        CallKit.AssertError(await _kit.Clients.EmitAsync(bob, "call:accept", new { callId }), CallErrorCode.CallEnded);
    }

    [Test]
    public async Task An_unanswered_call_is_missed_after_the_ring_timeout()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.RequestAsync(alice, bob);
        var ended = await _kit.Clients.NextEventAsync(alice, "call:ended", TimeSpan.FromSeconds(6));
        Assert.That((ended.GetProperty("callId").GetString(), ended.GetProperty("status").GetString(), ended.GetProperty("reason").GetString()),
            Is.EqualTo((callId, "missed", "no_answer")));
        await _kit.Clients.NextEventAsync(bob, "call:ended");
    }

    [Test]
    public async Task The_timer_warns_then_completes_the_call_at_its_limit()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        var callId = await _kit.StartCallAsync(alice, bob);
        var warning = await _kit.Clients.NextEventAsync(bob, "call:time-warning", TimeSpan.FromSeconds(6));
        Assert.That(warning.GetProperty("remainingTime").GetInt32(), Is.InRange(1, 2));
        var ended = await _kit.Clients.NextEventAsync(alice, "call:ended", TimeSpan.FromSeconds(6));
        Assert.That((ended.GetProperty("status").GetString(), ended.GetProperty("reason").GetString(), ended.GetProperty("billedSeconds").GetInt32(), ended.GetProperty("coinsCharged").GetInt64()),
            Is.EqualTo(("ended", "completed", 4, 4L)));
        Assert.That(_kit.Clients.Count(alice, "call:time-warning"), Is.EqualTo(1));
        Assert.That((await _kit.Server.Store.GetUserAsync(alice, CancellationToken.None))!.Coins, Is.EqualTo(996));
        Assert.That((await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None))!.Status, Is.EqualTo(CallStatus.Ended));
    }

    [Test]
    public async Task Clear_all_ends_the_users_call_and_resets_every_tab()
    {
        var (alice, bob) = (await _kit.UserAsync(Unique("alice")), await _kit.UserAsync(Unique("bob")));
        await _kit.TabAsync(alice + "#2", alice);
        var callId = await _kit.RequestAsync(alice, bob);
        var ack = await _kit.Clients.EmitAsync(alice + "#2", "call:clear-all", new { });
        CallKit.AssertOk(ack);
        Assert.That(ack.GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        foreach (var tab in new[] { alice, alice + "#2", bob })
        {
            var cleared = await _kit.Clients.NextEventAsync(tab, "call:clear-all");
            Assert.That((cleared.GetProperty("callId").GetString(), cleared.GetProperty("reason").GetString()), Is.EqualTo((callId, "cleared")));
        }
        Assert.That((await _kit.Server.Store.GetUserAsync(alice, CancellationToken.None))!.IsOnCall, Is.False);

        var idle = await _kit.Clients.EmitAsync(alice, "call:clear-all");
        CallKit.AssertOk(idle);
        Assert.That(idle.GetProperty("call").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        var second = await _kit.Clients.NextEventAsync(alice + "#2", "call:clear-all");
        Assert.That(second.GetProperty("callId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }
}
