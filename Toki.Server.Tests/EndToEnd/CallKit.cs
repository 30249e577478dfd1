using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// Users, official clients and the common call steps for end-to-end tests against one <see cref="TokiTestServer"/>.
/// Client ids are "&lt;user&gt;" for a user's first tab and "&lt;user&gt;#2" etc. for more.
/// </summary>
public sealed class CallKit(TokiTestServer server, NodeClients clients)
{
    public TokiTestServer Server { get; } = server;

    public NodeClients Clients { get; } = clients;

    public static async Task<CallKit> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        TestStore store = TestStore.Sqlite, string environment = "Testing")
    {
        var server = await TokiTestServer.StartAsync(settings, services: services, environment: environment, store: store);
        var clients = await NodeClients.StartAsync();
        clients.ServerUrl = server.BaseUrl;
        return new CallKit(server, clients);
    }

    /// <summary>Creates the user (unique per test via <paramref name="id"/>) and connects its first tab.</summary>
    public async Task<string> UserAsync(string id, long coins = 1000, string? name = null, object? options = null)
    {
        await Server.SeedUserAsync(id, name ?? id, coins);
        await TabAsync(id, id, options);
        return id;
    }

    /// <summary>Connects another client for <paramref name="userId"/> and waits for its call:state.</summary>
    public async Task<JsonElement> TabAsync(string clientId, string userId, object? options = null)
    {
        var token = await Clients.SignAsync(new { sub = userId }, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        var connected = await Clients.ConnectAsync(clientId, options ?? new { auth = new { token } });
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
        await Server.DisposeAsync();
    }
}
