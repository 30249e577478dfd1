using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.Observability;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// The Socket.IO Admin UI and the metrics on two Toki.Servers joined through Redis, as Node's instrument() behaves in a
/// cluster: a UI signed in on one server sees both servers' stats, the sockets of both, the rooms a socket of the other
/// server joins, and its actions reach that socket there. Each server's /metrics counts its own sockets.
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed class ClusteredAdminTests
{
    private static bool Arg(JsonElement args, int index, string value) =>
        args.GetArrayLength() > index && args[index].ValueKind == JsonValueKind.String && args[index].GetString() == value;

    [Test]
    public async Task TheAdminUIOnOneServerSeesAndActsOnTheSocketsOfBoth()
    {
        await using var redis = await RedisServer.StartAsync();
        Dictionary<string, string?> Settings(string serverId) => new()
        {
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:Mode"] = "streams",
            ["SocketIOAdmin:Enabled"] = "true",
            ["SocketIOAdmin:PasswordHash"] = AdminNamespaceTests.ChangeItHash,
            ["SocketIOAdmin:StatsInterval"] = "00:00:00.300",
            ["SocketIOAdmin:ServerId"] = serverId,
            ["Metrics:Enabled"] = "true",
        };
        await using var one = await TokiTestServer.StartAsync(Settings("one"));
        await using var two = await TokiTestServer.StartAsync(Settings("two"));
        await using var clients = await NodeClients.StartAsync();
        var alice = await ConnectAsync(clients, one, "alice");
        var bob = await ConnectAsync(clients, two, "bob");

        clients.ServerUrl = one.BaseUrl;
        var ui = await clients.ConnectAsync("ui", new { auth = new { username = "admin", password = "changeit" } }, "/admin");
        Assert.That(ui.GetProperty("type").GetString(), Is.EqualTo("connect"), ui.GetRawText());
        var all = await clients.NextEventAsync("ui", "all_sockets");
        var servers = new HashSet<string>();
        while (servers.Count < 2)
        {
            servers.Add((await clients.NextEventAsync("ui", "server_stats", TimeSpan.FromSeconds(5))).GetProperty("serverId").GetString()!);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.EnumerateArray().Select(s => s.GetProperty("id").GetString()), Is.EquivalentTo(new[] { alice, bob }));
            var bobView = all.EnumerateArray().Single(s => s.GetProperty("id").GetString() == bob);
            Assert.That(bobView.GetProperty("nsp").GetString(), Is.EqualTo("/"));
            Assert.That(bobView.GetProperty("data").GetProperty("userId").GetString(), Is.EqualTo("bob"), "the other server's data, as the UI shows it");
            Assert.That(bobView.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { bob, "user:bob" }));
            Assert.That(bobView.GetProperty("handshake").GetProperty("query").GetProperty("EIO").GetString(), Is.EqualTo("4"));
            Assert.That(servers, Is.EquivalentTo(new[] { "one", "two" }));
        }

        // Actions from the UI on server one reach bob's socket on server two, whose listener reports the room changes.
        clients.Emit("ui", "join", "/", "vip", bob);
        await clients.NextEventArgsAsync("ui", "room_joined", a => Arg(a, 1, "vip") && Arg(a, 2, bob), TimeSpan.FromSeconds(5));
        clients.Emit("ui", "leave", "/", "vip", bob);
        await clients.NextEventArgsAsync("ui", "room_left", a => Arg(a, 1, "vip") && Arg(a, 2, bob), TimeSpan.FromSeconds(5));

        var scrapes = new[] { await ScrapeAsync(one), await ScrapeAsync(two) };
        foreach (var scrape in scrapes)
        {
            Assert.That(scrape.Value("toki_socketio_sockets", ("namespace", "/")), Is.EqualTo(1), scrape.Text);
        }

        clients.Emit("ui", "_disconnect", "/", false, bob);
        var gone = await clients.NextEventArgsAsync("ui", "socket_disconnected", a => Arg(a, 1, bob), TimeSpan.FromSeconds(5));
        var bobSaw = await clients.NextRecordAsync("bob", "disconnect");
        Assert.That(gone[2].GetString(), Is.EqualTo("server namespace disconnect"));
        Assert.That(bobSaw.GetProperty("reason").GetString(), Is.EqualTo("io server disconnect"));
        Assert.That(clients.Records.Any(r => r.GetProperty("type").GetString() == "disconnect" && r.GetProperty("id").GetString() == "alice"), Is.False);
    }

    private static async Task<string> ConnectAsync(NodeClients clients, TokiTestServer server, string user)
    {
        clients.ServerUrl = server.BaseUrl;
        var token = await clients.SignAsync(new { sub = user }, TokiTestServer.JwtSecret);
        var connect = await clients.ConnectAsync(user, new { auth = new { token }, transports = new[] { "websocket" } });
        Assert.That(connect.GetProperty("type").GetString(), Is.EqualTo("connect"), connect.ToString());
        await clients.NextEventAsync(user, "call:state");
        return connect.GetProperty("sid").GetString()!;
    }

    private static async Task<PrometheusScrape> ScrapeAsync(TokiTestServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await http.GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }
}
