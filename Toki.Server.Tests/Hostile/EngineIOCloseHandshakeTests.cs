using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Protocol;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// The closing handshake of a WebSocket session, on a real Kestrel whose Engine.IO server runs on a manual clock
/// (HTTP upgrade and direct): its wait leaves no timer behind once the peer answers, a peer that reads nothing
/// has its connection dropped once the bound passes, even with a send stuck behind what it never read, a live peer
/// has the whole bound to answer our close frame, and a connection that ended without a close frame (FIN or RST) is
/// let go at once, since no handshake can finish on it.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
[Category(TestCategories.Functional)]
public sealed class EngineIOCloseHandshakeTests(bool direct)
{
    private static readonly TimeSpan HandshakeLimit = TimeSpan.FromSeconds(2);
    private ObservedFakeTimeProvider _time = null!;
    private EngineTestHost _host = null!;

    [SetUp]
    public async Task StartHost()
    {
        _time = new ObservedFakeTimeProvider();
        _host = await EngineTestHost.StartAsync(new EngineIOOptions
        {
            HeartbeatResolution = TimeSpan.FromDays(1),
            MaxQueuedFrames = 256,
            MaxQueuedBytes = 1024 * 1024,
        }, _time, direct);
    }

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task AnAnsweredCloseLeavesNoTimerRunning()
    {
        var timersBefore = _time.ActiveTimerCount;
        using var socket = await _host.OpenWebSocketAsync();
        var open = await EngineTestHost.ReceiveAsync(socket);
        var sid = open[(open.IndexOf("\"sid\":\"", StringComparison.Ordinal) + 7)..][..20];

        _host.Handler.Sessions[sid].Engine.Close();
        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("close:1000"));
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        await _host.WebSocketRequestEnded.DefaultTimeout();

        Assert.That(_time.ActiveTimerCount, Is.EqualTo(timersBefore), "the close wait's timer was disposed when the peer answered");
    }

    [Test]
    public async Task ARefusedSecondWebSocketLeavesNoTimerRunning()
    {
        var timersBefore = _time.ActiveTimerCount;
        using var first = await _host.OpenWebSocketAsync();
        var open = await EngineTestHost.ReceiveAsync(first);
        var sid = open[(open.IndexOf("\"sid\":\"", StringComparison.Ordinal) + 7)..][..20];

        using var second = await _host.OpenWebSocketAsync(sid);
        Assert.That(await EngineTestHost.ReceiveAsync(second), Is.EqualTo("close:1008"));
        await second.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        await _host.WebSocketRequestEnded.DefaultTimeout();

        Assert.That(_time.ActiveTimerCount, Is.EqualTo(timersBefore));
    }

    [Test]
    public async Task ASlowConsumerClosedByTheSendBoundIsDroppedWhenTheHandshakeTimesOut()
    {
        using var client = await ConnectRawAsync();
        // On the HTTP path the 101 leaves before the session is opened.
        Assert.That(SpinWait.SpinUntil(() => !_host.Handler.Sessions.IsEmpty, TaskTimeoutExtensions.Timeout), Is.True);
        var session = _host.Handler.Sessions.Values.Single().Engine;

        // From here on the client reads nothing: the send queue fills behind the socket buffers and overflows.
        var chunk = EngineFrame.Message(new string('x', 16 * 1024));
        var sent = 0;
        while (session.Send(chunk))
        {
            Assert.That(++sent, Is.LessThan(100_000), "the send bound never closed the session");
        }
        Assert.That(await _host.Handler.Sessions.Values.Single().Closed.DefaultTimeout(), Is.EqualTo("transport error (send buffer full)"));

        _time.Advance(HandshakeLimit - TimeSpan.FromMilliseconds(1));
        Assert.That(_host.WebSocketRequestEnded.IsCompleted, Is.False, "released before the bound");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await _host.WebSocketRequestEnded.DefaultTimeout();
        Assert.That(await DrainAsync(client).DefaultTimeout(), Is.EqualTo("reset"), "what the client never read is discarded, not sent on");
    }

    [TestCase(false, TestName = "{m}(FIN)")]
    [TestCase(true, TestName = "{m}(RST)")]
    public async Task AConnectionEndedWithoutACloseFrameIsReleasedWithoutWaitingForTheHandshake(bool reset)
    {
        var timersBefore = _time.ActiveTimerCount;
        using var client = await ConnectRawAsync();
        var session = SingleSession();
        Assert.That((await ReadFrameAsync(client).DefaultTimeout()).Text, Does.StartWith("0{"), "the open packet");

        if (reset)
        {
            client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        else
        {
            // Only our side ends: the client still reads, so nothing but the missing close frame stops the handshake.
            client.Shutdown(SocketShutdown.Send);
        }
        Assert.That(await session.Closed.DefaultTimeout(), Is.EqualTo("transport close (connection lost)"));

        // The clock never moves: a peer that can send no close frame any more is let go at once.
        await _host.WebSocketRequestEnded.DefaultTimeout();
        Assert.That(SpinWait.SpinUntil(() => _time.ActiveTimerCount == timersBefore, TaskTimeoutExtensions.Timeout), Is.True,
            "no closing handshake is left waiting");
    }

    [Test]
    public async Task ALivePeerSentOurCloseFrameHasTheWholeBoundToAnswerIt()
    {
        using var client = await ConnectRawAsync();
        var session = SingleSession();
        Assert.That((await ReadFrameAsync(client).DefaultTimeout()).Text, Does.StartWith("0{"), "the open packet");

        var bound = _time.GetUtcNow() + HandshakeLimit;
        session.Engine.Close();
        Assert.That(await ReadFrameAsync(client).DefaultTimeout(), Is.EqualTo((Opcode: 8, Text: "\u0003\u00e8")), "our close frame (1000)");
        Assert.That(SpinWait.SpinUntil(() => _time.HasTimerDueAt(bound), TaskTimeoutExtensions.Timeout), Is.True, "the handshake's wait is armed");

        _time.Advance(HandshakeLimit - TimeSpan.FromMilliseconds(1));
        Assert.That(_host.WebSocketRequestEnded.IsCompleted, Is.False, "released before the bound while the peer may still answer");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _host.WebSocketRequestEnded.DefaultTimeout();
    }

    private RecordingEngineHandler.Session SingleSession()
    {
        // On the HTTP path the 101 leaves before the session is opened.
        Assert.That(SpinWait.SpinUntil(() => !_host.Handler.Sessions.IsEmpty, TaskTimeoutExtensions.Timeout), Is.True);
        return _host.Handler.Sessions.Values.Single();
    }

    /// <summary>Reads one unmasked server frame: its opcode and its payload as Latin-1 text.</summary>
    private static async Task<(int Opcode, string Text)> ReadFrameAsync(Socket socket)
    {
        var head = await ReadExactlyAsync(socket, 2);
        var length = head[1] & 0x7f;
        if (length == 126)
        {
            var extended = await ReadExactlyAsync(socket, 2);
            length = (extended[0] << 8) | extended[1];
        }
        var payload = await ReadExactlyAsync(socket, length);
        return (head[0] & 0x0f, Encoding.Latin1.GetString(payload));
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(read));
            Assert.That(received, Is.Positive, "the connection ended mid-frame");
            read += received;
        }
        return buffer;
    }

    private async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        var url = _host.Http.BaseAddress!;
        await socket.ConnectAsync(url.Host, url.Port).DefaultTimeout();
        var request = $"GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request)).DefaultTimeout();
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.That(await socket.ReceiveAsync(one).DefaultTimeout(), Is.EqualTo(1));
            head.Append((char)one[0]);
        }
        Assert.That(head.ToString(), Does.StartWith("HTTP/1.1 101"));
        return socket;
    }

    /// <summary>Reads until the connection ends: "reset", or "end" for an orderly end.</summary>
    private static async Task<string> DrainAsync(Socket socket)
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
            return "end";
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return "reset";
        }
    }
}
