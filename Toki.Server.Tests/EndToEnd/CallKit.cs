using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// Users, official clients and the common call steps for end-to-end tests against one <see cref="TokiTestServer"/>, or
/// (<see cref="CallTopology.TwoServers"/>) two of them joined through a real redis-server in streams mode and sharing
/// one store, where each new user's first tab goes to the other server than the previous user's, and each further tab
/// (or reconnect) of a user to the other server than the user's previous one: caller and callee, and a user's tabs,
/// are then on different servers. Client ids are "&lt;user&gt;" for a user's first tab and "&lt;user&gt;#2" etc. for more.
/// </summary>
public sealed class CallKit(TokiTestServer server, NodeClients clients, TokiTestServer? second = null, RedisServer? redis = null)
{
    private readonly Dictionary<string, int> _userServer = [];
    private int _users;

    /// <summary>The first server (on two servers, both share its store).</summary>
    public TokiTestServer Server { get; } = server;

    /// <summary>The second server, or null on one.</summary>
    public TokiTestServer? Second { get; } = second;

    public RedisServer? Redis { get; } = redis;

    public NodeClients Clients { get; } = clients;

    public static async Task<CallKit> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        TestStore store = TestStore.Sqlite, string environment = "Testing", CallTopology topology = CallTopology.OneServer)
    {
        if (topology == CallTopology.TwoServers)
        {
            return await StartTwoAsync(settings, services, store, environment);
        }
        var server = await TokiTestServer.StartAsync(settings, services: services, environment: environment, store: store);
        var clients = await NodeClients.StartAsync();
        clients.ServerUrl = server.BaseUrl;
        return new CallKit(server, clients);
    }

    private static async Task<CallKit> StartTwoAsync(IDictionary<string, string?>? settings, Action<IServiceCollection>? services, TestStore store,
        string environment)
    {
        var redis = await RedisServer.StartAsync();
        var merged = new Dictionary<string, string?>
        {
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:Mode"] = "streams",
            ["Cluster:LeaseTtl"] = "00:00:03",
            ["Cluster:LeaseRefresh"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var first = await TokiTestServer.StartAsync(merged, services: services, environment: environment, store: store);
        // In-process servers share the first one's store instance (several processes on one SQLite file is the store's own concern).
        var second = await TokiTestServer.StartAsync(merged, environment: environment, store: store, services: collection =>
        {
            services?.Invoke(collection);
            collection.AddSingleton(first.Store);
        });
        var clients = await NodeClients.StartAsync();
        clients.ServerUrl = first.BaseUrl;
        return new CallKit(first, clients, second, redis);
    }

    /// <summary>Creates the user (unique per test via <paramref name="id"/>) and connects its first tab.</summary>
    public async Task<string> UserAsync(string id, long coins = 1000, string? name = null, object? options = null)
    {
        await Server.SeedUserAsync(id, name ?? id, coins);
        _userServer[id] = _users++ % 2 + 1;
        await TabAsync(id, id, options);
        return id;
    }

    /// <summary>
    /// Whether clients connect over WebSocket alone. The polling → WebSocket upgrade waits on the server's clock (a
    /// poll is held 100 ms at the probe), so a server on a fake clock that is held still needs clients that skip it.
    /// </summary>
    public bool WebSocketOnly { get; set; }

    /// <summary>Connects another client for <paramref name="userId"/> and waits for its call:state.</summary>
    public async Task<JsonElement> TabAsync(string clientId, string userId, object? options = null)
    {
        if (Second is not null)
        {
            // Each connection of the user goes to the other server than the user's previous one.
            var next = _userServer.GetValueOrDefault(userId) + 1;
            _userServer[userId] = next;
            Clients.ServerUrl = next % 2 == 0 ? Server.BaseUrl : Second.BaseUrl;
        }
        var token = await Clients.SignAsync(new { sub = userId }, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        var connected = await Clients.ConnectAsync(clientId, options ?? (WebSocketOnly
            ? new { auth = new { token }, transports = new[] { "websocket" } }
            : (object)new { auth = new { token } }));
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        return await Clients.NextEventAsync(clientId, "call:state");
    }

    public async Task<string> RequestAsync(string caller, string callee, string type = "video")
    {
        var ack = await Clients.EmitAsync(caller, "call:request", new { calleeId = callee, type });
        Assert.That(ack.GetProperty("ok").GetBoolean(), Is.True, ack.GetRawText());
        return ack.GetProperty("call").GetProperty("callId").GetString()!;
    }

    public async Task<JsonElement> AcceptAsync(string callee, string callId)
    {
        var ack = await Clients.EmitAsync(callee, "call:accept", new { callId });
        Assert.That(ack.GetProperty("ok").GetBoolean(), Is.True, ack.GetRawText());
        return ack;
    }

    /// <summary>Request, accept, both joined: returns the call id once both got call:started.</summary>
    public async Task<string> StartCallAsync(string caller, string callee, string type = "video")
    {
        var callId = await RequestAsync(caller, callee, type);
        await Clients.NextEventAsync(callee, "call:incoming");
        await AcceptAsync(callee, callId);
        await Clients.NextEventAsync(caller, "call:proceed");
        await Clients.NextEventAsync(callee, "call:proceed");
        AssertOk(await Clients.EmitAsync(caller, "call:joined", new { callId }));
        AssertOk(await Clients.EmitAsync(callee, "call:joined", new { callId }));
        await Clients.NextEventAsync(caller, "call:started");
        await Clients.NextEventAsync(callee, "call:started");
        return callId;
    }

    public static void AssertOk(JsonElement ack) =>
        Assert.That(ack.GetProperty("ok").GetBoolean(), Is.True, ack.GetRawText());

    public static void AssertError(JsonElement ack, string code)
    {
        Assert.That(ack.GetProperty("ok").GetBoolean(), Is.False, ack.GetRawText());
        Assert.That(ack.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(code), ack.GetRawText());
    }

    public async ValueTask DisposeAsync()
    {
        await Clients.DisposeAsync();
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }
        await Server.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
