using System.Text.Json;
using NUnit.Framework;
using StackExchange.Redis;
using Toki.Bench;
using Toki.Bench.Workloads;

namespace Toki.Server.Tests.Bench;

/// <summary>
/// The Node reference's two-process call mode (bench/node-reference/call-cluster.mjs), which the two-node call setup
/// compares Toki against: two processes on one redis-server hold one call, each transition is atomic across them, and
/// the money in Redis balances after every call. Driven with the bench's own client, as the benchmark drives it.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category(TestCategories.Bench)]
internal sealed class NodeCallClusterTests
{
    private ClusterHost _cluster = null!;
    private ConnectionMultiplexer _redis = null!;
    private readonly List<BenchClient> _clients = [];

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
        _cluster = await ClusterHost.StartAsync(ServerKind.Node, timeout.Token, callServers: true);
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_cluster.RedisPort}");
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        _redis.Dispose();
        await _cluster.DisposeAsync();
    }

    [TearDown]
    public async Task DisconnectClients()
    {
        await WorkloadContext.DisposeAllAsync(_clients);
        _clients.Clear();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Two_tabs_on_two_processes_race_to_accept_and_exactly_one_wins(CancellationToken cancellationToken)
    {
        await SeedAsync(["race-caller", "race-callee"], cancellationToken);
        var caller = await ConnectAsync(0, "race-caller", cancellationToken);
        var tabs = new[] { await ConnectAsync(0, "race-callee", cancellationToken), await ConnectAsync(1, "race-callee", cancellationToken) };

        for (var round = 0; round < 10; round++)
        {
            var callId = CallId(await caller.EmitWithAckAsync("call:request", """{"calleeId":"race-callee","type":"audio"}""", cancellationToken));
            await Task.WhenAll(tabs.Select(t => t.ExpectAsync("call:incoming", cancellationToken)));
            var acks = await Task.WhenAll(tabs.Select(t => t.EmitWithAckAsync("call:accept", $$"""{"callId":"{{callId}}"}""", cancellationToken)));

            Assert.That(acks.Count(a => a.StartsWith("""[{"ok":true""", StringComparison.Ordinal)), Is.EqualTo(1), string.Join(" | ", acks));
            var loser = tabs[acks[0].StartsWith("""[{"ok":true""", StringComparison.Ordinal) ? 1 : 0];
            Assert.That(Error(acks.Single(a => a.StartsWith("""[{"ok":false""", StringComparison.Ordinal))),
                Is.EqualTo(("invalid_state", "Cannot accept a call that is accepted.")));
            Assert.That(Field(await loser.ExpectAsync("call:clear-all", cancellationToken), "reason"), Is.EqualTo("answered_elsewhere"));
            await caller.ExpectAsync("call:proceed", cancellationToken);

            await caller.EmitWithAckAsync("call:end", $$"""{"callId":"{{callId}}"}""", cancellationToken);
            await Task.WhenAll(tabs.Append(caller).Select(c => c.ExpectAsync("call:ended", cancellationToken)));
        }
        await AssertSettledAsync("race-caller", "race-callee", calls: 10);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_call_crosses_processes_through_the_whole_cycle_and_its_money_balances(CancellationToken cancellationToken)
    {
        await SeedAsync(["cross-caller", "cross-callee", "cross-third"], cancellationToken);
        var caller = await ConnectAsync(0, "cross-caller", cancellationToken);
        Assert.That(Error(await caller.EmitWithAckAsync("call:request", """{"calleeId":"cross-callee","type":"video"}""", cancellationToken)),
            Is.EqualTo(("callee_offline", "The callee is not connected.")));
        var callee = await ConnectAsync(1, "cross-callee", cancellationToken);

        var callId = await CallCycle.EstablishAsync(caller, callee, cancellationToken);
        var third = await ConnectAsync(1, "cross-third", cancellationToken);
        Assert.That(Error(await third.EmitWithAckAsync("call:request", """{"calleeId":"cross-callee","type":"audio"}""", cancellationToken)),
            Is.EqualTo(("callee_busy", "The callee is in another call.")));
        Assert.That(Error(await third.EmitWithAckAsync("call:ice", $$"""{"callId":"{{callId}}"}""", cancellationToken)),
            Is.EqualTo(("not_participant", "You are not a participant of this call.")));
        Assert.That(await callee.EmitWithAckAsync("call:ice", $$"""{"callId":"{{callId}}","candidate":"c1"}""", cancellationToken),
            Is.EqualTo("""[{"ok":true}]"""));
        var relayed = await caller.ExpectAsync("call:ice", cancellationToken);
        Assert.That((Field(relayed, "candidate"), Field(relayed, "from")), Is.EqualTo(("c1", "cross-callee")));

        var secondTab = await ConnectAsync(1, "cross-caller", cancellationToken, awaitState: false);
        using var state = JsonDocument.Parse((await secondTab.ExpectAsync("call:state", cancellationToken)).Json);
        Assert.That(state.RootElement[1].GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("active"));

        await CallCycle.EndAsync(caller, callee, callId, cancellationToken);
        Assert.That(Error(await callee.EmitWithAckAsync("call:joined", $$"""{"callId":"{{callId}}"}""", cancellationToken)),
            Is.EqualTo(("call_not_found", "No call with that id.")));
        await AssertSettledAsync("cross-caller", "cross-callee", calls: 1);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Two_callers_on_two_processes_race_for_one_callee_and_one_call_rings(CancellationToken cancellationToken)
    {
        await SeedAsync(["busy-a", "busy-b", "busy-callee"], cancellationToken);
        var callers = new[] { await ConnectAsync(0, "busy-a", cancellationToken), await ConnectAsync(1, "busy-b", cancellationToken) };
        var callee = await ConnectAsync(1, "busy-callee", cancellationToken);

        var acks = await Task.WhenAll(callers.Select(c => c.EmitWithAckAsync("call:request", """{"calleeId":"busy-callee","type":"audio"}""", cancellationToken)));

        Assert.That(acks.Count(a => a.StartsWith("""[{"ok":true""", StringComparison.Ordinal)), Is.EqualTo(1), string.Join(" | ", acks));
        Assert.That(Error(acks.Single(a => a.StartsWith("""[{"ok":false""", StringComparison.Ordinal))),
            Is.EqualTo(("callee_busy", "The callee is in another call.")));
        var winner = acks[0].StartsWith("""[{"ok":true""", StringComparison.Ordinal) ? 0 : 1;
        var callId = CallId(acks[winner]);
        Assert.That(Field(await callee.ExpectAsync("call:incoming", cancellationToken), "callId"), Is.EqualTo(callId));
        await callee.EmitWithAckAsync("call:end", $$"""{"callId":"{{callId}}"}""", cancellationToken);
        Assert.That(Field(await callers[winner].ExpectAsync("call:ended", cancellationToken), "status"), Is.EqualTo("rejected"));
    }

    private Task SeedAsync(string[] users, CancellationToken cancellationToken) =>
        ServerHost.SeedUsersAsync(_cluster.Nodes[0], ServerKind.Node, users, cancellationToken);

    private async Task<BenchClient> ConnectAsync(int node, string userId, CancellationToken cancellationToken, bool awaitState = true)
    {
        var connector = new ClientConnector(_cluster.Nodes[node]);
        var client = await BenchClient.ConnectAsync(connector, userId, JwtMinter.Mint(userId, ServerHost.JwtSecret), captureEvents: true,
            awaitCallState: awaitState, cancellationToken);
        _clients.Add(client);
        return client;
    }

    /// <summary>Both users off the call, no hold left, and every coin the caller lost earned by the callee.</summary>
    private async Task AssertSettledAsync(string callerId, string calleeId, int calls)
    {
        using var caller = JsonDocument.Parse((string)(await _redis.GetDatabase().StringGetAsync($"user:{callerId}"))!);
        using var callee = JsonDocument.Parse((string)(await _redis.GetDatabase().StringGetAsync($"user:{calleeId}"))!);
        var (c, e) = (caller.RootElement, callee.RootElement);
        Assert.Multiple(() =>
        {
            Assert.That(c.GetProperty("currentCallId").ValueKind, Is.EqualTo(JsonValueKind.Null), "caller off the call");
            Assert.That(e.GetProperty("currentCallId").ValueKind, Is.EqualTo(JsonValueKind.Null), "callee off the call");
            Assert.That(c.GetProperty("heldCoins").GetInt64(), Is.Zero, "hold released");
            Assert.That(1_000_000_000 - c.GetProperty("coins").GetInt64(), Is.EqualTo(e.GetProperty("earnings").GetInt64()), "coins conserved");
            Assert.That(e.GetProperty("earnings").GetInt64(), Is.InRange(0, calls * 10), "at most a minute's rate per call");
        });
    }

    private static string CallId(string ack)
    {
        using var document = JsonDocument.Parse(ack);
        return document.RootElement[0].GetProperty("call").GetProperty("callId").GetString()!;
    }

    private static (string? Code, string? Message) Error(string ack)
    {
        using var document = JsonDocument.Parse(ack);
        var error = document.RootElement[0].GetProperty("error");
        return (error.GetProperty("code").GetString(), error.GetProperty("message").GetString());
    }

    private static string? Field(ServerEvent received, string name)
    {
        using var document = JsonDocument.Parse(received.Json);
        return document.RootElement[1].GetProperty(name).GetString();
    }
}
