using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>Fan-out: to rooms, several rooms without duplicates, everyone, with exceptions, and from a socket.</summary>
public abstract partial class SocketIOAdapterSpec
{
    [Test]
    public async Task BroadcastsToOneRoom()
    {
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);
        var c = await ConnectAsync(2);

        await Server().Sockets.To("r").EmitAsync("news", 1, "x");

        Assert.That(await ReceivedBeforeFenceAsync(a, b, c), Is.EqualTo(new[] { "42[\"news\",1,\"x\"]", "42[\"news\",1,\"x\"]", "" }));
    }

    [Test]
    public async Task BroadcastsToSeveralRoomsOncePerSocket()
    {
        var a = await ConnectAsync(0, rooms: ["r1"]);
        var b = await ConnectAsync(1, rooms: ["r1", "r2", "r3"]);
        var c = await ConnectAsync(2, rooms: ["r2"]);
        var d = await ConnectAsync(3, rooms: ["r4"]);

        await Server().Sockets.To("r1").To(["r2", "r3"]).EmitAsync("once");

        Assert.That(await ReceivedBeforeFenceAsync(a, b, c, d), Is.EqualTo(new[] { "42[\"once\"]", "42[\"once\"]", "42[\"once\"]", "" }));
    }

    [Test]
    public async Task BroadcastsToTheWholeNamespaceOnly()
    {
        var a = await ConnectAsync(0);
        var b = await ConnectAsync(1, rooms: ["r"]);
        var other = await ConnectAsync(2, "/other", rooms: ["r"]);

        Server().Sockets.Emit("all");

        Assert.That(await ReceivedBeforeFenceAsync(a, b, other), Is.EqualTo(new[] { "42[\"all\"]", "42[\"all\"]", "" }));
    }

    [Test]
    public async Task BroadcastsInANamespace()
    {
        var main = await ConnectAsync(0, rooms: ["r"]);
        var other = await ConnectAsync(1, "/other", rooms: ["r"]);

        Server().Of("/other").To("r").Emit("ns");

        Assert.That(await ReceivedBeforeFenceAsync(main, other), Is.EqualTo(new[] { "", "42/other,[\"ns\"]" }));
    }

    [Test]
    public async Task LeavesOutTheExceptedRooms()
    {
        var a = await ConnectAsync(0, rooms: ["r1"]);
        var b = await ConnectAsync(1, rooms: ["r1", "muted"]);
        var c = await ConnectAsync(2, rooms: ["r2"]);
        var d = await ConnectAsync(3, rooms: ["muted"]);

        Server().Sockets.Except("muted").Emit("all-but-muted");
        var first = await ReceivedBeforeFenceAsync(a, b, c, d);
        Server().Sockets.To("r1").To("r2").Except("muted").Except(c.Id).Emit("some");
        var second = await ReceivedBeforeFenceAsync(a, b, c, d);

        Assert.That(first, Is.EqualTo(new[] { "42[\"all-but-muted\"]", "", "42[\"all-but-muted\"]", "" }));
        Assert.That(second, Is.EqualTo(new[] { "42[\"some\"]", "", "", "" }));
    }

    [Test]
    public async Task ReachesOneSocketByItsId()
    {
        var a = await ConnectAsync(0);
        var b = await ConnectAsync(1);

        Server().Sockets.To(b.Id).Emit("private", "psst");

        Assert.That(await ReceivedBeforeFenceAsync(a, b), Is.EqualTo(new[] { "", "42[\"private\",\"psst\"]" }));
    }

    [Test]
    public async Task ASocketsBroadcastLeavesOutTheSender()
    {
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);
        var c = await ConnectAsync(2, rooms: ["x"]);

        a.Socket.To("r").Emit("to-room");
        var toRoom = await ReceivedBeforeFenceAsync(a, b, c);
        a.Socket.Broadcast.Emit("to-all");
        var toAll = await ReceivedBeforeFenceAsync(a, b, c);
        a.Socket.Except("x").Emit("except-x");
        var exceptX = await ReceivedBeforeFenceAsync(a, b, c);

        Assert.That(toRoom, Is.EqualTo(new[] { "", "42[\"to-room\"]", "" }));
        Assert.That(toAll, Is.EqualTo(new[] { "", "42[\"to-all\"]", "42[\"to-all\"]" }));
        Assert.That(exceptX, Is.EqualTo(new[] { "", "42[\"except-x\"]", "" }));
    }

    [Test]
    public async Task BroadcastsBinaryAttachments()
    {
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);

        Server().Sockets.To("r").Emit("file", new { Name = "f", Data = new byte[] { 1, 2 } });

        var expected = "451-[\"file\",{\"name\":\"f\",\"data\":{\"_placeholder\":true,\"num\":0}}] bAQI=";
        Assert.That(await ReceivedBeforeFenceAsync(a, b), Is.EqualTo(new[] { expected, expected }));
    }

    [Test]
    public async Task ALocalBroadcastStaysOnItsServer()
    {
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);

        await Server().Sockets.To("r").Local.EmitAsync("here");
        await Server().Sockets.Local.EmitAsync("here-too");

        var expected = NodeCount == 1 ? "42[\"here\"] 42[\"here-too\"]" : "";
        Assert.That(await ReceivedBeforeFenceAsync(a, b), Is.EqualTo(new[] { "42[\"here\"] 42[\"here-too\"]", expected }));
    }

    [Test]
    public async Task ABroadcastWithAcknowledgementsCollectsEveryClientsAnswer()
    {
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);
        var c = await ConnectAsync(2);

        var answers = Server().Sockets.To("r").EmitWithAckAsync("question", TimeSpan.FromSeconds(5), "q");
        await AnswerAsync(a, "question", "\"from-a\"");
        await AnswerAsync(b, "question", "{\"from\":\"b\"}");

        var responses = await answers.DefaultTimeout();
        Assert.That(responses.Select(r => r.GetRawJson(0).Length > 0 ? System.Text.Encoding.UTF8.GetString(r.GetRawJson(0)) : "").Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "\"from-a\"", "{\"from\":\"b\"}" }));
        Assert.That(await ReceivedBeforeFenceAsync(c), Is.EqualTo(new[] { "" }));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task ABroadcastWithAcknowledgementsTimesOutWithTheAnswersSoFar()
    {
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);

        var answers = Server().Sockets.To("r").EmitWithAckAsync("question", TimeSpan.FromMilliseconds(500));
        await AnswerAsync(a, "question", "1");
        var silent = await b.Client.ReceiveAsync();

        var timeout = Assert.ThrowsAsync<SocketIOAckTimeoutException>(async () => await answers.DefaultTimeout());
        Assert.That(silent, Does.StartWith("42").And.Contains("[\"question\"]"));
        Assert.That(timeout!.Responses.Select(r => r[0].GetInt32()), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task ABroadcastWithAcknowledgementsToNobodyCompletesEmpty()
    {
        await ConnectAsync(0);
        await ConnectAsync(1);

        var responses = await Server().Sockets.To("nobody").EmitWithAckAsync("question", TimeSpan.FromSeconds(5)).DefaultTimeout();

        Assert.That(responses, Is.Empty);
    }

    [Test]
    public async Task ASuspendedSocketKeepsItsRoomsAndGetsTheBroadcastOnRecovery()
    {
        await UseRecoveryAsync(new ConnectionStateRecoveryOptions());
        var a = await ConnectAsync(0, rooms: ["r"]);
        var b = await ConnectAsync(1, rooms: ["r"]);
        var pid = a.Client.Pid;

        await a.Client.SendAsync("1");
        await Server().Sockets.To("r").EmitAsync("while-away");
        var recovered = await Support.InProcessSocketIOClient.ConnectAsync(Server(a.Node), "/", $$"""{"pid":"{{pid}}"}""");

        Assert.That(recovered.Id, Is.EqualTo(a.Id));
        // The offset is the server's counter alone, a stream entry id in a streams cluster: the same for every recipient.
        var replayed = await recovered.ReceiveAsync();
        Assert.That(replayed, Does.Match("""^42\["while-away","(1|[0-9]+-[0-9]+)"\]$"""));
        Assert.That(await b.Client.ReceiveAsync(), Is.EqualTo(replayed));
        Assert.That(IdsOf(await Server().Sockets.To("r").FetchSocketsAsync(), a, b), Is.EqualTo("a,b"));
    }
}
