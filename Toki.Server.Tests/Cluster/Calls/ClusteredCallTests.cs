using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;

namespace Toki.Server.Tests.Cluster.Calls;

/// <summary>
/// Calls across two Toki.Server instances (in-process, on one store, joined through a real redis-server) when the
/// cluster fails under them: a server dies mid-call (cut from Redis, then stopped, so none of its disconnect handlers
/// reach anyone) and Redis restarts empty mid-call. The store stays the source of truth and the call settles once.
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
[Parallelizable(ParallelScope.None)]
public sealed class ClusteredCallTests
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LeaseRefresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    [Test]
    public async Task A_participant_on_a_server_that_died_is_interrupted_at_its_lease_expiry_and_the_call_settles_once()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var proxy = new TcpProxy(redis.Port);
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "streams",
            ["Cluster:LeaseTtl"] = LeaseTtl.ToString(),
            ["Cluster:LeaseRefresh"] = LeaseRefresh.ToString(),
            ["Calls:DisconnectGrace"] = Grace.ToString(),
            ["Calls:RejoinWindow"] = "00:00:20",
        };
        await using var survivor = await TokiTestServer.StartAsync(new Dictionary<string, string?>(settings) { ["Cluster:Redis"] = redis.Configuration });
        // The server that dies reaches Redis through a proxy that can cut it off; its own grace is long, so only the
        // survivor can act on its users, and only through their lease.
        var doomed = await TokiTestServer.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["Cluster:Redis"] = $"127.0.0.1:{proxy.Port},connectTimeout=500",
            ["Calls:DisconnectGrace"] = "00:01:00",
        }, services: services => services.AddSingleton(survivor.Store));
        var doomedAlive = true;
        var clients = await NodeClients.StartAsync();
        var kit = new CallKit(survivor, clients);
        try
        {
            await survivor.SeedUserAsync("alice", "Alice", 1000);
            await survivor.SeedUserAsync("bob", "Bob", 0);
            clients.ServerUrl = survivor.BaseUrl;
            await kit.TabAsync("alice", "alice");
            clients.ServerUrl = doomed.BaseUrl;
            await kit.TabAsync("bob", "bob");
            await WaitForServersAsync(2, survivor, doomed);
            var callId = await kit.StartCallAsync("alice", "bob");

            var killedAt = TimeProvider.System.GetUtcNow();
            proxy.PointTo(0);
            proxy.CutAll();
            // Stopping runs its disconnect handlers, which reach neither Redis nor (with their long grace) the store in time.
            var stopping = doomed.DisposeAsync().AsTask();
            doomedAlive = false;

            // Bound: the lease lasts LeaseTtl after its last refresh, a survivor sees it within LeaseRefresh, the grace runs from the expiry.
            var bound = LeaseTtl + LeaseRefresh + Grace;
            var interrupted = await clients.NextEventAsync("alice", "call:peer-interrupted", bound + TimeSpan.FromSeconds(5));
            var told = TimeProvider.System.GetUtcNow() - killedAt;
            TestContext.Out.WriteLine($"alice was told {told.TotalMilliseconds:F0} ms after the kill (bound {bound.TotalMilliseconds:F0} ms plus the commit)");
            Assert.That(interrupted.GetProperty("userId").GetString(), Is.EqualTo("bob"));
            await stopping;
            Assert.That(survivor.Logs.Any(line => line.Contains("lost its lease", StringComparison.Ordinal)), Is.True, "the survivor found the lease expired");
            var call = await survivor.Store.GetCallAsync(callId, CancellationToken.None);
            Assert.That((call!.Status, call.InterruptedUserIds), Is.EqualTo((CallStatus.Interrupted, (IReadOnlyList<string>)["bob"])));

            // bob's client comes back through the load balancer to the survivor, finds the call waiting and rejoins once.
            clients.ServerUrl = survivor.BaseUrl;
            var state = await kit.TabAsync("bob#2", "bob");
            Assert.That((state.GetProperty("you").GetProperty("away").GetBoolean(), state.GetProperty("you").GetProperty("canRejoin").GetBoolean()),
                Is.EqualTo((true, true)));
            CallKit.AssertOk(await clients.EmitAsync("bob#2", "call:rejoin", new { callId }));
            await clients.NextEventAsync("alice", "call:peer-rejoined");
            CallKit.AssertOk(await clients.EmitAsync("bob#2", "call:signal", new { callId, data = "after-rejoin" }));
            Assert.That((await clients.NextEventAsync("alice", "call:signal")).GetProperty("from").GetString(), Is.EqualTo("bob"));

            CallKit.AssertOk(await clients.EmitAsync("alice", "call:end", new { callId, permanent = true }));
            var ended = await clients.NextEventAsync("bob#2", "call:ended");
            await AssertSettledOnceAsync(survivor, callId, "alice", "bob", 1000, ended.GetProperty("coinsCharged").GetInt64());
        }
        finally
        {
            await clients.DisposeAsync();
            if (doomedAlive)
            {
                await doomed.DisposeAsync();
            }
            await survivor.DisposeAsync();
        }
    }

    [Test]
    public async Task Redis_restarted_empty_mid_call_leaves_the_call_correct_and_clients_catch_up_with_call_sync()
    {
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Calls:RejoinWindow"] = "00:00:30" },
            topology: CallTopology.TwoServers);
        var (alice, bob) = (await kit.UserAsync("alice"), await kit.UserAsync("bob", coins: 0));
        await WaitForServersAsync(2, kit.Server, kit.Second!);
        var callId = await kit.StartCallAsync(alice, bob);

        await kit.Redis!.StopAsync();
        // alice steps away while the servers cannot reach each other: the store takes it; bob's server cannot tell him.
        var end = await kit.Clients.EmitAsync(alice, "call:end", new { callId });
        Assert.That(end.GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("interrupted"));
        await kit.Redis.StartAgainAsync();
        await WaitForServersAsync(2, kit.Server, kit.Second!);

        var sync = await kit.Clients.EmitAsync(bob, "call:sync", new { callId });
        CallKit.AssertOk(sync);
        Assert.That(sync.GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("interrupted"), "the store's truth, whatever bob missed");
        var state = await kit.Clients.EmitAsync(alice, "call:sync", new { callId });
        Assert.That(state.GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("interrupted"));

        CallKit.AssertOk(await kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }));
        var rejoined = await kit.Clients.NextEventAsync(bob, "call:peer-rejoined", TimeSpan.FromSeconds(10));
        Assert.That(rejoined.GetProperty("status").GetString(), Is.EqualTo("active"));
        CallKit.AssertOk(await kit.Clients.EmitAsync(bob, "call:ice", new { callId, candidate = "after-restart" }));
        Assert.That((await kit.Clients.NextEventAsync(alice, "call:ice")).GetProperty("candidate").GetString(), Is.EqualTo("after-restart"));
        CallKit.AssertError(await kit.Clients.EmitAsync(alice, "call:rejoin", new { callId }), CallErrorCode.RejoinUsed);

        CallKit.AssertOk(await kit.Clients.EmitAsync(bob, "call:end", new { callId, permanent = true }));
        var ended = await kit.Clients.NextEventAsync(alice, "call:ended", TimeSpan.FromSeconds(10));
        await AssertSettledOnceAsync(kit.Server, callId, alice, bob, 1000, ended.GetProperty("coinsCharged").GetInt64());
    }

    /// <summary>Waits until every server counts <paramref name="expected"/> members (the cluster is joined, or joined again).</summary>
    private static async Task WaitForServersAsync(int expected, params TokiTestServer[] servers)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        foreach (var server in servers)
        {
            var io = server.Services.GetRequiredService<SocketIOServer>();
            while (true)
            {
                try
                {
                    if (await io.Sockets.ServerCountAsync() == expected)
                    {
                        break;
                    }
                }
                catch (Exception) when (TimeProvider.System.GetUtcNow() < deadline)
                {
                }
                Assert.That(TimeProvider.System.GetUtcNow(), Is.LessThan(deadline), "the servers did not find each other");
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }
        }
    }

    /// <summary>The money audit: one settlement in the ledger, the hold released, nobody on a call, coins conserved.</summary>
    private static async Task AssertSettledOnceAsync(TokiTestServer server, string callId, string caller, string callee, long callerCoins, long charged)
    {
        var store = server.Store;
        var call = await store.GetCallAsync(callId, CancellationToken.None);
        var ledger = await store.GetLedgerAsync(callId, CancellationToken.None);
        var payer = await store.GetUserAsync(caller, CancellationToken.None);
        var payee = await store.GetUserAsync(callee, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((call!.Status, call.CoinsCharged), Is.EqualTo((CallStatus.Ended, charged)));
            Assert.That(ledger.Count(e => e.Key == $"{callId}:charge"), Is.EqualTo(1));
            Assert.That(ledger.Count(e => e.Key == $"{callId}:release"), Is.EqualTo(1));
            Assert.That((payer!.Coins, payer.HeldCoins, payer.IsOnCall), Is.EqualTo((callerCoins - charged, 0L, false)));
            Assert.That((payee!.Earnings, payee.IsOnCall), Is.EqualTo((charged, false)));
        });
    }
}
