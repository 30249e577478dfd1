using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// A mixed cluster on one redis-server: two Toki servers (A and B, Toki.ClusterNode processes) and one Node socket.io
/// 4.8.4 server (N) on the official Redis adapter of the mode, with official socket.io-client clients on every server.
/// Every operation is started from a client of each server in turn and checked on the clients of all three. Clients
/// and rooms are named per test, so tests share the cluster without seeing each other.
/// </summary>
public abstract partial class ClusterInteropTests
{
    private int _fence;

    protected abstract string Mode { get; }

    protected RedisServer Redis { get; private set; } = null!;

    protected ClusterMember A { get; private set; } = null!;

    protected ClusterMember B { get; private set; } = null!;

    protected ClusterMember N { get; private set; } = null!;

    protected NodeClients Clients { get; private set; } = null!;

    /// <summary>B reaches Redis through this proxy, so a test can cut B alone off from Redis.</summary>
    protected TcpProxy RedisProxyB { get; private set; } = null!;

    protected ClusterMember[] Members => [A, B, N];

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        Redis = await RedisServer.StartAsync();
        RedisProxyB = new TcpProxy(Redis.Port);
        // Toki gives up on a Redis command after 2 s here (5 s by default), so an outage's effect shows quickly.
        A = new ClusterMember("A", isNode: false, $"{Redis.Configuration},asyncTimeout=2000,syncTimeout=2000", Mode);
        B = new ClusterMember("B", isNode: false, $"127.0.0.1:{RedisProxyB.Port},asyncTimeout=2000,syncTimeout=2000", Mode);
        N = new ClusterMember("N", isNode: true, Redis.Url, Mode);
        await Task.WhenAll(A.StartAsync(), B.StartAsync(), N.StartAsync());
        Clients = await NodeClients.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        if (Clients is not null)
        {
            await Clients.DisposeAsync();
        }
        foreach (var member in new[] { A, B, N })
        {
            if (member is not null)
            {
                await member.DisposeAsync();
            }
        }
        if (RedisProxyB is not null)
        {
            await RedisProxyB.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }

    /// <summary>Connects client <paramref name="id"/> to <paramref name="member"/> over WebSocket and joins <paramref name="rooms"/>; returns its socket id.</summary>
    protected async Task<string> ConnectAsync(string id, ClusterMember member, params string[] rooms) => await ConnectAsync(id, member.BaseUrl, rooms);

    protected async Task<string> ConnectAsync(string id, Uri url, params string[] rooms)
    {
        Clients.ServerUrl = url;
        var connect = await Clients.ConnectAsync(id, new { transports = new[] { "websocket" } });
        Assert.That(connect.GetProperty("type").GetString(), Is.EqualTo("connect"), $"{id}: {connect}");
        if (rooms.Length > 0)
        {
            await Clients.EmitAsync(id, "join", [rooms]);
        }
        return connect.GetProperty("sid").GetString()!;
    }

    /// <summary>Sends a probe event and returns its acknowledgement.</summary>
    protected Task<JsonElement> ProbeAsync(string id, string eventName, params object?[] args) => Clients.EmitAsync(id, eventName, args);

    /// <summary>
    /// Broadcasts a fence from <paramref name="origin"/> to <paramref name="room"/> and waits until each of
    /// <paramref name="members"/> has it: events a server sent before it have then arrived (one origin's messages keep their order).
    /// </summary>
    protected async Task FenceAsync(string origin, string room, params string[] members)
    {
        var fence = $"fence-{Interlocked.Increment(ref _fence)}";
        await ProbeAsync(origin, "emit", new { to = new[] { room }, @event = fence });
        foreach (var member in members)
        {
            await Clients.NextEventArgsAsync(member, fence, TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>A binary argument for the client driver to emit as a Buffer (received ones come back as <c>{"$binary","$type"}</c>).</summary>
    protected static object Binary(string hex) => new Dictionary<string, string> { ["$binary"] = Convert.ToBase64String(Convert.FromHexString(hex)) };

    /// <summary>The arguments of each <paramref name="eventName"/> the client got, without the recovery offset streams mode appends.</summary>
    protected IReadOnlyList<string> Received(string id, string eventName) =>
        [.. Clients.Events(id, eventName).Select(args => StripOffset(args).GetRawText())];

    /// <summary>The recovery offset appended to each <paramref name="eventName"/> the client got (null where there is none).</summary>
    protected IReadOnlyList<string?> Offsets(string id, string eventName) =>
        [.. Clients.Events(id, eventName).Select(args => args.GetArrayLength() > 0 && args[args.GetArrayLength() - 1] is { ValueKind: JsonValueKind.String } last
            && StreamId().IsMatch(last.GetString()!) ? last.GetString() : null)];

    protected void Leave(params string[] ids)
    {
        foreach (var id in ids)
        {
            Clients.Disconnect(id);
        }
    }

    private static JsonElement StripOffset(JsonElement args)
    {
        var count = args.GetArrayLength();
        if (count > 0 && args[count - 1] is { ValueKind: JsonValueKind.String } last && StreamId().IsMatch(last.GetString()!))
        {
            return JsonSerializer.SerializeToElement(args.EnumerateArray().Take(count - 1).ToArray());
        }
        return args;
    }

    [GeneratedRegex("^[0-9]+-[0-9]+$")]
    protected static partial Regex StreamId();
}
