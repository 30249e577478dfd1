using System.Net;
using System.Net.Sockets;

namespace Toki.Bench;

/// <summary>
/// Opens the TCP connections of every bench client. Each one is bound to its own loopback source address
/// (127.1.x.y), so tens of thousands of connections over several rounds never run out of ephemeral ports, and
/// is closed with a reset (linger 0) so no TIME_WAIT is left behind. Nagle is off, as in browsers.
/// </summary>
public sealed class ClientConnector(Uri server)
{
    private static int s_next;

    public Uri Server { get; } = server;

    /// <summary>The <c>Host</c> header of the WebSocket handshake.</summary>
    public string Host { get; } = $"{server.Host}:{server.Port}";

    /// <summary>The Engine.IO endpoint, WebSocket transport from the start (as <c>transports: ["websocket"]</c>).</summary>
    public static string SocketPath => "/socket.io/?EIO=4&transport=websocket";

    public async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Bind(new IPEndPoint(NextSourceAddress(), 0));
            await socket.ConnectAsync(Server.Host, Server.Port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPAddress NextSourceAddress()
    {
        var n = (uint)Interlocked.Increment(ref s_next) % (250 * 250);
        return new IPAddress(new byte[] { 127, 1, (byte)(1 + (n / 250)), (byte)(1 + (n % 250)) });
    }
}
