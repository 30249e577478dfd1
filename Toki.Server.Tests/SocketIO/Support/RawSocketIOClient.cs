using System.Net.WebSockets;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.SocketIO.Support;

/// <summary>
/// A minimal Socket.IO client over a raw WebSocket: it speaks the wire text directly, answers pings, and can
/// check that the server still serves it (an acknowledged echo) while a test abuses the same server.
/// </summary>
public sealed class RawSocketIOClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private int _nextAck;

    private RawSocketIOClient(ClientWebSocket socket)
    {
        _socket = socket;
    }

    public ClientWebSocket Socket => _socket;

    /// <summary>The server's answer to the CONNECT packet (40{"sid":...}).</summary>
    public string ConnectAnswer { get; private set; } = "";

    /// <summary>Opens a WebSocket session and connects to the main namespace with <paramref name="connectPacket"/> (a recovery's pid and offset, say).</summary>
    public static async Task<RawSocketIOClient> ConnectAsync(Uri baseUrl, string connectPacket = "40")
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{baseUrl.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).DefaultTimeout();
        var client = new RawSocketIOClient(socket);
        var open = await client.ReceiveAsync();
        if (!open.StartsWith("0{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected open packet {open}");
        }
        await client.SendAsync(connectPacket);
        var connect = await client.ReceiveAsync();
        if (!connect.StartsWith("40{\"sid\":", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected connect answer {connect}");
        }
        client.ConnectAnswer = connect;
        return client;
    }

    public Task SendAsync(string text) => EngineTestHost.SendTextAsync(_socket, text);

    /// <summary>The next message that is not a ping (pings are answered).</summary>
    public async Task<string> ReceiveAsync()
    {
        while (true)
        {
            var message = await EngineTestHost.ReceiveAsync(_socket);
            if (message != "2")
            {
                return message;
            }
            await SendAsync("3");
        }
    }

    /// <summary>Emits "echo-ack" with a payload and returns the acknowledgement packet as received.</summary>
    public async Task<string> EchoAsync(string payload)
    {
        var id = _nextAck++;
        await SendAsync($"42{id}[\"echo-ack\",\"{payload}\"]");
        return await ReceiveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        _socket.Dispose();
    }
}
