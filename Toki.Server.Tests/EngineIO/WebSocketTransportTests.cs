using System.Net.WebSockets;
using System.Text.Json;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Protocol;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// The WebSocket transport over a real Kestrel with a raw client: framing, limits, upgrade, release of dead peers;
/// through the HTTP upgrade and below the HTTP layer (direct).
/// </summary>
[TestFixture(false, false)]
[TestFixture(true, false)]
[TestFixture(true, true)]
[Category(TestCategories.Functional)]
public sealed class WebSocketTransportTests(bool direct, bool tokiTransport)
{
    private EngineTestHost _host = null!;

    [SetUp]
    public async Task StartHost() => _host = await EngineTestHost.StartAsync(new EngineIOOptions
    {
        PingInterval = TimeSpan.FromMilliseconds(300),
        PingTimeout = TimeSpan.FromMilliseconds(200),
        MaxPayload = 1024,
    }, direct: direct, tokiTransport: tokiTransport);

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task OpensWithTheOpenPacketAndDeliversTextAndBinaryIncludingEmptyMessages()
    {
        using var socket = await _host.OpenWebSocketAsync();
        var open = await EngineTestHost.ReceiveAsync(socket);
        var sid = JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString()!;

        await EngineTestHost.SendTextAsync(socket, "4a");
        await socket.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, true, CancellationToken.None);
        await socket.SendAsync(new byte[] { 1, 2 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await socket.SendAsync("4b"u8.ToArray().AsMemory(0, 1), WebSocketMessageType.Text, false, CancellationToken.None);
        await socket.SendAsync("4b"u8.ToArray().AsMemory(1), WebSocketMessageType.Text, true, CancellationToken.None);
        _host.Handler.Sessions[sid].Engine.Send(EngineFrame.Message("back"));

        Assert.That(open, Is.EqualTo($$"""0{"sid":"{{sid}}","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1024}"""));
        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("4back"));
        await _host.Handler.Sessions[sid].WaitForMessagesAsync(4);
        Assert.That(_host.Handler.Sessions[sid].Messages, Is.EqualTo(new[] { "a", "b:", "b:0102", "b" }));
    }

    [Test]
    public async Task AMessageAboveTheMaximumClosesWith1009()
    {
        using var socket = await _host.OpenWebSocketAsync();
        var sid = JsonDocument.Parse((await EngineTestHost.ReceiveAsync(socket))[1..]).RootElement.GetProperty("sid").GetString()!;

        await EngineTestHost.SendTextAsync(socket, "4" + new string('x', 1024));

        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("close:1009"));
        Assert.That(await _host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (max payload exceeded)"));
        Assert.That(_host.Handler.Sessions[sid].Messages, Is.Empty);
    }

    [TestCase("", "parse error (invalid packet)", TestName = "empty text frame")]
    [TestCase("9", "parse error (invalid packet)", TestName = "unknown packet type")]
    [TestCase("garbage", "parse error (invalid packet)", TestName = "garbage")]
    [TestCase("2", "transport error (invalid heartbeat direction)", TestName = "client ping")]
    [TestCase("1", "transport close (close packet)", TestName = "close packet")]
    public async Task ClosesOnAnInvalidOrClosingFrame(string frame, string reason)
    {
        using var socket = await _host.OpenWebSocketAsync();
        var sid = JsonDocument.Parse((await EngineTestHost.ReceiveAsync(socket))[1..]).RootElement.GetProperty("sid").GetString()!;

        await EngineTestHost.SendTextAsync(socket, frame);

        Assert.That(await _host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo(reason));
        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("close:1000"));
    }

    [Test]
    public async Task ASilentPeerIsReleasedAfterThePingTimeout()
    {
        using var socket = await _host.OpenWebSocketAsync();
        var sid = JsonDocument.Parse((await EngineTestHost.ReceiveAsync(socket))[1..]).RootElement.GetProperty("sid").GetString()!;

        Assert.That(await _host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo("ping timeout ()"));

        // The peer neither reads nor answers the close handshake: the server must still let the connection go.
        await _host.WebSocketRequestEnded.DefaultTimeout();
        Assert.That(_host.Server.SessionCount, Is.Zero);
    }

    [Test]
    public async Task UpgradesAPollingSession()
    {
        var open = await _host.SendAsync(HttpMethod.Get, "EIO=4&transport=polling");
        var sid = JsonDocument.Parse(open.Body[1..]).RootElement.GetProperty("sid").GetString()!;
        var poll = _host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}");
        using var socket = await _host.OpenWebSocketAsync(sid);

        await EngineTestHost.SendTextAsync(socket, "2probe");
        var probe = await EngineTestHost.ReceiveAsync(socket);
        var pollAnswer = await poll.DefaultTimeout();
        await EngineTestHost.SendTextAsync(socket, "5");
        await EngineTestHost.SendTextAsync(socket, "4over websocket");
        await _host.Handler.Sessions[sid].WaitForMessagesAsync(1);
        _host.Handler.Sessions[sid].Engine.Send(EngineFrame.Message("hi"));

        Assert.That(open.Body, Does.Contain("\"upgrades\":[\"websocket\"]"));
        Assert.That(probe, Is.EqualTo("3probe"));
        Assert.That(pollAnswer, Is.EqualTo(new HttpAnswer(200, "6")));
        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("4hi"));
        Assert.That(_host.Handler.Sessions[sid].Engine.Transport, Is.EqualTo(EngineTransportKind.WebSocket));
        Assert.That(await _host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}"),
            Is.EqualTo(new HttpAnswer(400, """{"code":3,"message":"Bad request"}""")));
        using var second = await _host.OpenWebSocketAsync(sid);
        Assert.That(await EngineTestHost.ReceiveAsync(second), Is.EqualTo("close:1008"));
    }

    [Test]
    public async Task AProbeWithoutTheUpgradePacketLeavesThePollingSessionWorking()
    {
        var open = await _host.SendAsync(HttpMethod.Get, "EIO=4&transport=polling");
        var sid = JsonDocument.Parse(open.Body[1..]).RootElement.GetProperty("sid").GetString()!;
        using var socket = await _host.OpenWebSocketAsync(sid);

        await EngineTestHost.SendTextAsync(socket, "2wrong");

        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("aborted"));
        Assert.That(await _host.SendAsync(HttpMethod.Post, $"EIO=4&transport=polling&sid={sid}", new StringContent("4still polling")),
            Is.EqualTo(new HttpAnswer(200, "ok")));
        Assert.That(_host.Handler.Sessions[sid].Messages, Is.EqualTo(new[] { "still polling" }));
    }
}
