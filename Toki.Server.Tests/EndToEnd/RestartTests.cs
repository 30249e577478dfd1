using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// The server process is killed (SIGKILL, no shutdown) in the middle of calls and started again on the same
/// SQLite file: the deadlines that passed while it was down fire, running calls go on, and balances and the
/// ledger come out exact: nothing charged twice, nothing lost.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class RestartTests
{
    private string _data = "";

    [SetUp]
    public void CreateDataDirectory() => _data = Directory.CreateTempSubdirectory("toki-restart-").FullName;

    private string DatabasePath => Path.Combine(_data, "toki.db");

    private async Task SeedAsync(params (string Id, long Coins)[] users)
    {
        using var store = SqliteCallStore.Open(DatabasePath, busyTimeoutSeconds: 5);
        foreach (var (id, coins) in users)
        {
            await store.CreateUserAsync(new UserRecord { Id = id, Name = id, Coins = coins }, CancellationToken.None);
        }
    }

    private async Task<(CallRecord Call, IReadOnlyList<LedgerEntry> Ledger, UserRecord Caller, UserRecord Callee)> ReadAsync(string callId)
    {
        using var store = SqliteCallStore.Open(DatabasePath, busyTimeoutSeconds: 5);
        var call = (await store.GetCallAsync(callId, CancellationToken.None))!;
        return (call, await store.GetLedgerAsync(callId, CancellationToken.None),
            (await store.GetUserAsync(call.CallerId, CancellationToken.None))!, (await store.GetUserAsync(call.CalleeId, CancellationToken.None))!);
    }

    private static async Task ConnectAsync(NodeClients clients, string user)
    {
        var token = await clients.SignAsync(new { sub = user }, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        var connected = await clients.ConnectAsync(user, new { auth = new { token } });
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"));
        await clients.NextEventAsync(user, "call:state");
    }

    [Test]
    public async Task A_running_call_survives_a_kill_and_completes_at_its_limit_with_exact_billing()
    {
        await SeedAsync(("alice", 100), ("bob", 0));
        await using var server = new ServerProcess(_data, new Dictionary<string, string> { ["Calls:MaxDuration"] = "00:00:06" });
        await server.StartAsync();
        await using var clients = await NodeClients.StartAsync();
        clients.ServerUrl = server.BaseUrl;
        await ConnectAsync(clients, "alice");
        await ConnectAsync(clients, "bob");
        var kit = new CallKit(null!, clients);
        var callId = await kit.StartCallAsync("alice", "bob");

        await server.KillAsync();
        await server.StartAsync();

        // Both clients reconnect by themselves; the restarted server has no recovery state, so they resync.
        foreach (var user in new[] { "alice", "bob" })
        {
            var reconnected = await clients.NextRecordAsync(user, "connect", TimeSpan.FromSeconds(15));
            Assert.That(reconnected.GetProperty("recovered").GetBoolean(), Is.False);
            var state = await clients.NextEventAsync(user, "call:state");
            Assert.That(state.GetProperty("call").GetProperty("status").GetString(), Is.EqualTo("active"));
            CallKit.AssertOk(await clients.EmitAsync(user, "call:sync", new { callId }));
        }
        var ended = await clients.NextEventAsync("alice", "call:ended", TimeSpan.FromSeconds(15));
        Assert.That((ended.GetProperty("reason").GetString(), ended.GetProperty("billedSeconds").GetInt32(), ended.GetProperty("coinsCharged").GetInt64()),
            Is.EqualTo(("completed", 6, 6L)), "the time the server was down counts: the media kept flowing peer to peer");

        await server.KillAsync();
        var (call, ledger, caller, callee) = await ReadAsync(callId);
        Assert.That((call.Status, call.EndReason, call.BilledSeconds, call.CoinsCharged), Is.EqualTo((CallStatus.Ended, "completed", 6, 6L)));
        Assert.That(ledger.Select(e => (e.Kind, e.Amount)), Is.EquivalentTo(new[] { (LedgerKind.Hold, 6L), (LedgerKind.Release, 6L), (LedgerKind.Charge, 6L), (LedgerKind.Earn, 6L) }));
        Assert.That((caller.Coins, caller.HeldCoins, caller.IsOnCall), Is.EqualTo((94L, 0L, false)));
        Assert.That((callee.Earnings, callee.IsOnCall), Is.EqualTo((6L, false)));
    }

    [Test]
    public async Task Deadlines_that_pass_while_the_server_is_down_fire_when_it_comes_back()
    {
        await SeedAsync(("alice", 100), ("bob", 100), ("carol", 100), ("dave", 100));
        await using var server = new ServerProcess(_data, new Dictionary<string, string> { ["Calls:RingTimeout"] = "00:00:01", ["Calls:RejoinWindow"] = "00:00:01" });
        await server.StartAsync();
        await using var clients = await NodeClients.StartAsync();
        clients.ServerUrl = server.BaseUrl;
        foreach (var user in new[] { "alice", "bob", "carol", "dave" })
        {
            await ConnectAsync(clients, user);
        }
        var kit = new CallKit(null!, clients);
        var ringing = await kit.RequestAsync("alice", "bob");
        var talking = await kit.StartCallAsync("carol", "dave");
        CallKit.AssertOk(await clients.EmitAsync("carol", "call:end", new { callId = talking }));
        await server.KillAsync();

        // Both deadlines (ring 1 s, rejoin 1 s) pass while nothing runs.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TimeProvider.System);
        await server.StartAsync();
        var state = await clients.NextEventAsync("bob", "call:state", TimeSpan.FromSeconds(15));
        Assert.That(state.GetProperty("call").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "the ring timed out while the server was down");
        await server.KillAsync();

        var missed = await ReadAsync(ringing);
        Assert.That((missed.Call.Status, missed.Call.EndReason, missed.Ledger.Count), Is.EqualTo((CallStatus.Missed, "no_answer", 0)));
        Assert.That((missed.Caller.IsOnCall, missed.Callee.IsOnCall, missed.Caller.Coins), Is.EqualTo((false, false, 100L)));

        var timedOut = await ReadAsync(talking);
        Assert.That((timedOut.Call.Status, timedOut.Call.EndReason), Is.EqualTo((CallStatus.Ended, "rejoin_timeout")));
        var charged = timedOut.Call.CoinsCharged;
        Assert.That(charged, Is.EqualTo(timedOut.Call.BilledSeconds), "only the time before the interruption is billed");
        Assert.That(timedOut.Ledger.Select(e => e.Kind), Is.EquivalentTo(charged > 0
            ? new[] { LedgerKind.Hold, LedgerKind.Release, LedgerKind.Charge, LedgerKind.Earn }
            : new[] { LedgerKind.Hold, LedgerKind.Release }));
        Assert.That((timedOut.Caller.Coins, timedOut.Caller.HeldCoins, timedOut.Callee.Earnings), Is.EqualTo((100 - charged, 0L, charged)));
    }

    [Test]
    public async Task A_participant_who_never_comes_back_after_a_restart_is_treated_as_disconnected()
    {
        await SeedAsync(("alice", 100), ("bob", 100));
        await using var server = new ServerProcess(_data);
        await server.StartAsync();
        await using var clients = await NodeClients.StartAsync();
        clients.ServerUrl = server.BaseUrl;
        await ConnectAsync(clients, "alice");
        await ConnectAsync(clients, "bob");
        var callId = await new CallKit(null!, clients).StartCallAsync("alice", "bob");
        clients.Disconnect("bob");
        await server.KillAsync();
        await server.StartAsync();

        // Alice comes back; bob does not, so after the reconnect grace he is away (a soft end), then the rejoin window ends the call.
        await clients.NextRecordAsync("alice", "connect", TimeSpan.FromSeconds(15));
        CallKit.AssertOk(await clients.EmitAsync("alice", "call:sync", new { callId }));
        var peer = await clients.NextEventAsync("alice", "call:peer-interrupted", TimeSpan.FromSeconds(10));
        Assert.That(peer.GetProperty("userId").GetString(), Is.EqualTo("bob"));
        var ended = await clients.NextEventAsync("alice", "call:ended", TimeSpan.FromSeconds(10));
        Assert.That(ended.GetProperty("reason").GetString(), Is.EqualTo("rejoin_timeout"));
    }
}
