using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// The server-side disconnect reasons, word for word those of the reference server, and what the client is
/// sent on the way out. Runs on a manual clock through the real engine with in-memory HTTP.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class DisconnectReasonTests
{
    private FakeTimeProvider _time = null!;
    private SocketIOServer _server = null!;
    private DisconnectRecorder _reasons = null!;
    private DisconnectRecorder _otherReasons = null!;
    private bool _disposed;

    [SetUp]
    public void CreateServer()
    {
        _time = new FakeTimeProvider();
        _disposed = false;
        _server = new SocketIOServer(new SocketIOServerOptions
        {
            Engine = new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) },
            ConnectTimeout = TimeSpan.FromDays(1),
        }, _time, NullLoggerFactory.Instance);
        _reasons = DisconnectRecorder.Attach(_server.Sockets);
        _otherReasons = DisconnectRecorder.Attach(_server.Of("/other"));
    }

    [TearDown]
    public async Task DisposeServer()
    {
        if (!_disposed)
        {
            await _server.DisposeAsync();
        }
    }

    private static IEnumerable<TestCaseData> Causes()
    {
        // cause, reason on "/", packets the client gets afterwards ("" when it gets nothing more)
        yield return new TestCaseData("client sends DISCONNECT", "client namespace disconnect", "").SetName("client namespace disconnect");
        yield return new TestCaseData("client closes the session", "transport close", "").SetName("transport close");
        yield return new TestCaseData("server disconnects the socket", "server namespace disconnect", "41").SetName("server namespace disconnect");
        yield return new TestCaseData("client sends garbage", "parse error", "").SetName("parse error");
        yield return new TestCaseData("client sends an unknown Socket.IO packet type", "parse error", "").SetName("parse error, unknown packet type");
        yield return new TestCaseData("client sends an attachment without a packet", "parse error", "").SetName("parse error, unexpected binary");
        yield return new TestCaseData("client never answers a ping", "ping timeout", "").SetName("ping timeout");
        yield return new TestCaseData("server closes the engine session", "forced close", "1").SetName("forced close");
        yield return new TestCaseData("server shuts down", "server shutting down", "1").SetName("server shutting down");
    }

    [TestCaseSource(nameof(Causes))]
    public async Task ReportsTheReferenceReason(string cause, string reason, string packetsAfter)
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);

        switch (cause)
        {
            case "client sends DISCONNECT":
                await client.SendAsync("41");
                break;
            case "client closes the session":
                await client.SendAsync("1");
                break;
            case "server disconnects the socket":
                Socket(client.Id).Disconnect();
                break;
            case "client sends garbage":
                await client.SendAsync("4garbage");
                break;
            case "client sends an unknown Socket.IO packet type":
                await client.SendAsync("49[\"x\"]");
                break;
            case "client sends an attachment without a packet":
                await client.SendAsync("bAQID");
                break;
            case "client never answers a ping":
                _time.Advance(TimeSpan.FromSeconds(25));
                _server.Engine.Tick();
                Assert.That(await client.ReceiveAsync(), Is.EqualTo("2"));
                _time.Advance(TimeSpan.FromSeconds(20));
                _server.Engine.Tick();
                break;
            case "server closes the engine session":
                Assert.That(_server.Engine.TryGetSession(client.Engine.Sid, out var session), Is.True);
                session.Close();
                break;
            case "server shuts down":
                _disposed = true;
                await _server.DisposeAsync();
                break;
        }

        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo(reason));
        Assert.That(_server.Sockets.TryGetSocket(client.Id, out _), Is.False);
        if (packetsAfter.Length > 0)
        {
            Assert.That(await client.ReceiveAsync(), Is.EqualTo(packetsAfter));
        }
    }

    [Test]
    public async Task DisconnectingOneNamespaceLeavesTheOthersConnected()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var main = client.Id;
        await client.JoinAsync("/other");
        var other = client.Id;

        await client.SendAsync("41/other,");
        Socket(main).Emit("still-here");

        Assert.That(await _otherReasons.ReasonOf(other).DefaultTimeout(), Is.EqualTo("client namespace disconnect"));
        Assert.That(await client.ReceiveAsync(), Is.EqualTo("""42["still-here"]"""));
        Assert.That(_reasons.ReasonOf(main).IsCompleted, Is.False);
    }

    [Test]
    public async Task DisconnectWithCloseDisconnectsEveryNamespaceThenTheTransport()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var main = client.Id;
        await client.JoinAsync("/other");
        var other = client.Id;

        Socket(main).Disconnect(close: true);

        Assert.That(await _reasons.ReasonOf(main).DefaultTimeout(), Is.EqualTo("server namespace disconnect"));
        Assert.That(await _otherReasons.ReasonOf(other).DefaultTimeout(), Is.EqualTo("server namespace disconnect"));
        Assert.That(await client.ReceiveUntilAsync("1"), Is.EqualTo(new[] { "41", "41/other," }));
        Assert.That(_server.Engine.SessionCount, Is.Zero);
    }

    [Test]
    public async Task AClientThatJoinsNoNamespaceIsClosedAfterTheConnectTimeout()
    {
        await _server.DisposeAsync();
        _server = new SocketIOServer(new SocketIOServerOptions
        {
            Engine = new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) },
            ConnectTimeout = TimeSpan.FromSeconds(45),
        }, _time, NullLoggerFactory.Instance);
        var idle = await EngineIO.Support.InProcessPollingClient.HandshakeAsync(_server.Engine);
        var joined = await InProcessSocketIOClient.ConnectAsync(_server);
        var poll = idle.PollAsync();

        _time.Advance(TimeSpan.FromSeconds(45) - TimeSpan.FromMilliseconds(1));
        Assert.That(poll.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new EngineIO.Support.HttpAnswer(200, "1")));
        Assert.That(_server.Engine.TryGetSession(idle.Sid, out _), Is.False);
        Assert.That(_server.Engine.TryGetSession(joined.Engine.Sid, out _), Is.True);
    }

    private SocketIOSocket Socket(string id)
    {
        Assert.That(_server.Sockets.TryGetSocket(id, out var socket), Is.True, $"socket {id} is connected");
        return socket;
    }
}
