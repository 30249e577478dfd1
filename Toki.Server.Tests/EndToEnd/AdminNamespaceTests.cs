using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// The admin namespace as the official Admin UI speaks it (Node's instrument()), driven here by the official
/// socket.io-client: basic auth with a bcrypt hash, config, all_sockets, server_stats, live socket, room and event
/// notices, and the disconnect, join and leave actions.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class AdminNamespaceTests
{
    /// <summary>"changeit" hashed by Node's bcrypt (the admin-ui README's example).</summary>
    public const string ChangeItHash = "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS";

    private CallKit _kit = null!;

    [SetUp]
    public async Task StartAsync() => _kit = await CallKit.StartAsync(new Dictionary<string, string?>
    {
        ["SocketIOAdmin:Enabled"] = "true",
        ["SocketIOAdmin:PasswordHash"] = ChangeItHash,
        ["SocketIOAdmin:StatsInterval"] = "00:00:00.500",
    });

    [TearDown]
    public async Task StopAsync() => await _kit.DisposeAsync();

    private static bool Arg(JsonElement args, int index, string value) =>
        args.GetArrayLength() > index && args[index].ValueKind == JsonValueKind.String && args[index].GetString() == value;

    [Test]
    public async Task Wrong_credentials_are_refused_as_node_refuses_them()
    {
        var refused = await _kit.Clients.ConnectAsync("ui", new { auth = new { username = "admin", password = "nope" } }, "/admin");
        var anonymous = await _kit.Clients.ConnectAsync("ui2", new { auth = new { } }, "/admin");

        Assert.That(refused.GetProperty("type").GetString(), Is.EqualTo("connect_error"));
        Assert.That(refused.GetProperty("message").GetString(), Is.EqualTo("invalid credentials"));
        Assert.That(anonymous.GetProperty("message").GetString(), Is.EqualTo("invalid credentials"));
    }

    [Test]
    public async Task The_ui_sees_the_sockets_their_rooms_and_events_and_can_act_on_them()
    {
        var alice = await _kit.UserAsync("alice");
        var bob = await _kit.UserAsync("bob");
        var aliceSocket = _kit.Clients.Records.First(r => r.GetProperty("type").GetString() == "connect" && r.GetProperty("id").GetString() == alice)
            .GetProperty("sid").GetString()!;
        var bobSocket = _kit.Clients.Records.First(r => r.GetProperty("type").GetString() == "connect" && r.GetProperty("id").GetString() == bob)
            .GetProperty("sid").GetString()!;

        var connected = await _kit.Clients.ConnectAsync("ui", new { auth = new { username = "admin", password = "changeit" } }, "/admin");
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        var session = await _kit.Clients.NextEventAsync("ui", "session");
        var config = await _kit.Clients.NextEventAsync("ui", "config");
        var all = await _kit.Clients.NextEventAsync("ui", "all_sockets");
        var stats = await _kit.Clients.NextEventAsync("ui", "server_stats", TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.GetString(), Has.Length.EqualTo(16));
            Assert.That(config.GetProperty("supportedFeatures").EnumerateArray().Select(f => f.GetString()), Is.EquivalentTo(new[]
            {
                "EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS", "ALL_EVENTS",
            }));
            Assert.That(all.EnumerateArray().Select(s => s.GetProperty("id").GetString()), Is.EquivalentTo(new[] { aliceSocket, bobSocket }));
            var aliceView = all.EnumerateArray().Single(s => s.GetProperty("id").GetString() == aliceSocket);
            Assert.That(aliceView.GetProperty("nsp").GetString(), Is.EqualTo("/"));
            Assert.That(aliceView.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { aliceSocket, "user:alice" }));
            Assert.That(aliceView.GetProperty("data").GetProperty("userId").GetString(), Is.EqualTo("alice"));
            Assert.That(aliceView.GetProperty("transport").GetString(), Is.AnyOf("polling", "websocket"));
            Assert.That(aliceView.GetProperty("clientId").GetString(), Has.Length.EqualTo(12));
            Assert.That(aliceView.GetProperty("handshake").GetProperty("address").GetString(), Is.EqualTo("127.0.0.1"));
            Assert.That(aliceView.GetProperty("handshake").GetProperty("headers").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(aliceView.GetProperty("handshake").GetProperty("query").GetProperty("EIO").GetString(), Is.EqualTo("4"));
            Assert.That(stats.GetProperty("clientsCount").GetInt32(), Is.EqualTo(3), "two users and the UI");
            Assert.That(stats.GetProperty("pid").GetInt32(), Is.EqualTo(Environment.ProcessId));
            Assert.That(stats.GetProperty("namespaces").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "/")
                .GetProperty("socketsCount").GetInt32(), Is.EqualTo(2));
        }

        // A call: the UI sees the request arrive, the call room joined and the notices sent.
        var callId = await _kit.RequestAsync(alice, bob);
        await _kit.Clients.NextEventArgsAsync("ui", "event_received", a => Arg(a, 1, aliceSocket) && a[2][0].GetString() == "call:request");
        await _kit.Clients.NextEventArgsAsync("ui", "event_sent", a => Arg(a, 1, bobSocket) && a[2][0].GetString() == "call:incoming"
            && a[2][1].GetProperty("callId").GetString() == callId);
        await _kit.AcceptAsync(bob, callId);
        await _kit.Clients.NextEventArgsAsync("ui", "room_joined", a => Arg(a, 0, "/") && Arg(a, 1, "call:" + callId) && Arg(a, 2, bobSocket));

        // Actions: join and leave a room, then disconnect alice's socket.
        _kit.Clients.Emit("ui", "join", "/", "vip", bobSocket);
        await _kit.Clients.NextEventArgsAsync("ui", "room_joined", a => Arg(a, 1, "vip") && Arg(a, 2, bobSocket));
        _kit.Clients.Emit("ui", "leave", "/", "vip", bobSocket);
        await _kit.Clients.NextEventArgsAsync("ui", "room_left", a => Arg(a, 1, "vip") && Arg(a, 2, bobSocket));
        _kit.Clients.Emit("ui", "_disconnect", "/", false, aliceSocket);
        var gone = await _kit.Clients.NextEventArgsAsync("ui", "socket_disconnected", a => Arg(a, 1, aliceSocket));
        var aliceSaw = await _kit.Clients.NextRecordAsync(alice, "disconnect");

        Assert.That(gone[2].GetString(), Is.EqualTo("server namespace disconnect"));
        Assert.That(aliceSaw.GetProperty("reason").GetString(), Is.EqualTo("io server disconnect"));
        Assert.That(_kit.Clients.Records.Any(r => r.GetProperty("type").GetString() == "disconnect" && r.GetProperty("id").GetString() == bob), Is.False);

        // A returning UI signs in with its session id instead of the password.
        var again = await _kit.Clients.ConnectAsync("ui2", new { auth = new { sessionId = session.GetString() } }, "/admin");
        Assert.That(again.GetProperty("type").GetString(), Is.EqualTo("connect"), again.GetRawText());
    }
}
