using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Toki.Bench;
using Toki.EngineIO.Transports;
using Toki.Server.Tests.EngineIO.Support;

namespace Toki.Server.Tests.Bench;

/// <summary>
/// The generator's WebSocket client against a scripted server on a loopback socket: the handshake it sends and the
/// answers it accepts, the frames it writes (masked, every length form) and the frames it reads, whole, split over
/// segments, fragmented, with pings in between, and the ways a stream ends.
/// </summary>
[TestFixture]
[Category(TestCategories.Bench)]
internal sealed class RawWebSocketTests
{
    private static IEnumerable<TestCaseData> ServerFrames()
    {
        yield return new TestCaseData(new[] { Frame(0x81, "0{\"sid\":\"a\"}") }, new[] { "0{\"sid\":\"a\"}" }).SetName("one text frame");
        yield return new TestCaseData(new[] { Frame(0x81, new string('x', 300)) }, new[] { new string('x', 300) }).SetName("a 16-bit length");
        yield return new TestCaseData(new[] { Frame(0x81, new string('y', 70_000)) }, new[] { new string('y', 70_000) }).SetName("a 64-bit length, past the buffer");
        yield return new TestCaseData(new[] { Frame(0x81, "2").Concat(Frame(0x81, "42[\"e\"]")).ToArray() }, new[] { "2", "42[\"e\"]" })
            .SetName("two frames in one segment");
        yield return new TestCaseData(Frame(0x81, "430[{\"ok\":true}]").Select(b => new[] { b }).ToArray(), new[] { "430[{\"ok\":true}]" })
            .SetName("a frame byte by byte");
        yield return new TestCaseData(new[] { Frame(0x01, "ab"), Frame(0x00, "cd"), Frame(0x80, "ef") }, new[] { "abcdef" })
            .SetName("a fragmented message");
        yield return new TestCaseData(new[] { Frame(0x01, "ab"), Frame(0x80, "c"), Frame(0x01, "d"), Frame(0x80, "e") }, new[] { "abc", "de" })
            .SetName("two fragmented messages in a row");
        yield return new TestCaseData(new[] { Frame(0x82, "bin") }, new[] { "bin" }).SetName("a binary frame");
        yield return new TestCaseData(new[] { Frame(0x8A, ""), Frame(0x81, "3") }, new[] { "3" }).SetName("an unsolicited pong is skipped");
    }

    [TestCaseSource(nameof(ServerFrames))]
    [CancelAfter(10_000)]
    public async Task Frames_from_the_server_come_out_as_its_messages(byte[][] segments, string[] expected, CancellationToken cancellationToken)
    {
        using var connected = await ConnectAsync(Accept, cancellationToken);
        var (client, peer) = (connected.Client, connected.Peer);
        foreach (var segment in segments)
        {
            await peer.SendAsync(segment, SocketFlags.None, cancellationToken);
        }

        foreach (var message in expected)
        {
            Assert.That(Encoding.UTF8.GetString((await client.ReceiveAsync(cancellationToken)).Span), Is.EqualTo(message));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_ping_between_fragments_is_answered_with_its_payload_and_the_message_still_assembles(CancellationToken cancellationToken)
    {
        using var connected = await ConnectAsync(Accept, cancellationToken);
        var (client, peer) = (connected.Client, connected.Peer);
        await peer.SendAsync((byte[])[.. Frame(0x01, "he"), .. Frame(0x89, "p!"), .. Frame(0x80, "llo")], SocketFlags.None, cancellationToken);

        Assert.That(Encoding.UTF8.GetString((await client.ReceiveAsync(cancellationToken)).Span), Is.EqualTo("hello"));
        var (opcode, payload) = await ReadClientFrameAsync(peer, cancellationToken);
        Assert.That((opcode, Encoding.UTF8.GetString(payload)), Is.EqualTo((0x8A, "p!")));
    }

    [TestCase(0)]
    [TestCase(125)]
    [TestCase(126)]
    [TestCase(65_535)]
    [TestCase(65_536)]
    [CancelAfter(10_000)]
    public async Task A_sent_message_is_one_masked_text_frame(int length, CancellationToken cancellationToken)
    {
        using var connected = await ConnectAsync(Accept, cancellationToken);
        var (client, peer) = (connected.Client, connected.Peer);
        var payload = Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();

        await client.SendTextAsync(payload, cancellationToken);
        await client.SendTextAsync(payload, cancellationToken);

        var first = await ReadClientFrameAsync(peer, cancellationToken);
        var second = await ReadClientFrameAsync(peer, cancellationToken);
        Assert.That(first.Opcode, Is.EqualTo(0x81));
        Assert.That(first.Payload, Is.EqualTo(payload));
        Assert.That(second.Payload, Is.EqualTo(payload));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task The_handshake_asks_for_a_websocket_upgrade_of_the_path(CancellationToken cancellationToken)
    {
        using var connected = await ConnectAsync(Accept, cancellationToken);
        var (client, peer) = (connected.Client, connected.Peer);

        var lines = connected.Request.Split("\r\n");
        Assert.That(lines[0], Is.EqualTo($"GET {ClientConnector.SocketPath} HTTP/1.1"));
        Assert.That(lines, Does.Contain($"Host: 127.0.0.1:{((IPEndPoint)peer.LocalEndPoint!).Port}"));
        Assert.That(lines, Does.Contain("Upgrade: websocket"));
        Assert.That(lines, Does.Contain("Connection: Upgrade"));
        Assert.That(lines, Does.Contain("Sec-WebSocket-Version: 13"));
        Assert.That(Convert.FromBase64String(Key(connected.Request)), Has.Length.EqualTo(16));
    }

    private static IEnumerable<TestCaseData> RefusedHandshakes()
    {
        yield return new TestCaseData((Func<string, string>)(_ => "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"), "refused: HTTP/1.1 400 Bad Request")
            .SetName("a status other than 101");
        yield return new TestCaseData((Func<string, string>)(_ => Answer("dGhlIHNhbXBsZSBub25jZQ==")), "wrong Sec-WebSocket-Accept")
            .SetName("an accept for another key");
        yield return new TestCaseData((Func<string, string>)(_ => "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"), "wrong Sec-WebSocket-Accept")
            .SetName("no accept at all");
    }

    [TestCaseSource(nameof(RefusedHandshakes))]
    [CancelAfter(10_000)]
    public async Task A_handshake_answer_that_is_not_an_upgrade_fails_the_connect(Func<string, string> answer, string error, CancellationToken cancellationToken)
    {
        var exception = Assert.ThrowsAsync<IOException>(async () =>
        {
            using var connected = await ConnectAsync(answer, cancellationToken);
        });
        Assert.That(exception!.Message, Does.Contain(error));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_close_frame_or_the_servers_fin_ends_the_stream(CancellationToken cancellationToken)
    {
        using (var closed = await ConnectAsync(Accept, cancellationToken))
        {
            await closed.Peer.SendAsync(Frame(0x88, ""), SocketFlags.None, cancellationToken);
            Assert.That((await closed.Client.ReceiveAsync(cancellationToken)).IsEmpty, Is.True, "close frame");
        }
        using var finished = await ConnectAsync(Accept, cancellationToken);
        finished.Peer.Shutdown(SocketShutdown.Send);
        Assert.That((await finished.Client.ReceiveAsync(cancellationToken)).IsEmpty, Is.True, "FIN");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_masked_frame_from_the_server_is_refused(CancellationToken cancellationToken)
    {
        using var connected = await ConnectAsync(Accept, cancellationToken);
        var (client, peer) = (connected.Client, connected.Peer);
        await peer.SendAsync(ClientFrames.Frame(0x81, "x"), SocketFlags.None, cancellationToken);

        Assert.ThrowsAsync<IOException>(async () => await client.ReceiveAsync(cancellationToken));
    }

    /// <summary>The answer Toki's own upgrade gives (its accept computed by the server's code).</summary>
    private static string Accept(string request) => Answer(WebSocketUpgrade.ComputeAccept(Key(request)));

    private static string Answer(string accept) =>
        $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";

    private static string Key(string request) =>
        request.Split("\r\n").Single(line => line.StartsWith("Sec-WebSocket-Key: ", StringComparison.Ordinal))["Sec-WebSocket-Key: ".Length..];

    /// <summary>An unmasked server frame: <paramref name="first"/> is FIN and opcode.</summary>
    private static byte[] Frame(byte first, string payload) => ClientFrames.Frame(first, payload, masked: false);

    private static async Task<(int Opcode, byte[] Payload)> ReadClientFrameAsync(Socket peer, CancellationToken cancellationToken)
    {
        var head = await ReadExactlyAsync(peer, 2, cancellationToken);
        Assert.That(head[1] & 0x80, Is.EqualTo(0x80), "a client frame must be masked");
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(peer, 2, cancellationToken));
        }
        else if (length == 127)
        {
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(peer, 8, cancellationToken));
        }
        var mask = await ReadExactlyAsync(peer, 4, cancellationToken);
        var payload = await ReadExactlyAsync(peer, (int)length, cancellationToken);
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= mask[i % 4];
        }
        return (head[0], payload);
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>
    /// A client through its handshake with a scripted server on 127.0.0.1:0, which reads the request and writes
    /// <paramref name="answer"/>'s response to it; the server's end of the socket comes with the client.
    /// </summary>
    private static async Task<Connected> ConnectAsync(Func<string, string> answer, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            var connecting = RawWebSocket.ConnectAsync(socket, $"127.0.0.1:{port}", ClientConnector.SocketPath, cancellationToken);
            var peer = await listener.AcceptSocketAsync(cancellationToken);
            try
            {
                var head = new List<byte>();
                while (!Encoding.ASCII.GetString([.. head]).EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    head.AddRange(await ReadExactlyAsync(peer, 1, cancellationToken));
                }
                var request = Encoding.ASCII.GetString([.. head]);
                await peer.SendAsync(Encoding.ASCII.GetBytes(answer(request)), SocketFlags.None, cancellationToken);
                return new Connected(await connecting, peer, request);
            }
            catch
            {
                peer.Dispose();
                throw;
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>A client through its handshake, the server's end of its socket, and the request it sent.</summary>
    private sealed record Connected(RawWebSocket Client, Socket Peer, string Request) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Peer.Dispose();
        }
    }
}
