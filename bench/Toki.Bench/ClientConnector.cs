using System.Net;
using System.Net.Sockets;

namespace Toki.Bench;

/// <summary>
/// Opens the TCP connections of every bench client. Each one is bound to its own loopback source address
/// (127.1.x.y), so tens of thousands of connections over several rounds never run out of ephemeral ports, and
/// is closed with a reset (linger 0) so no TIME_WAIT is left behind. Nagle is off, as in browsers.
/// </summary>
public sealed class ClientConnector : IDisposable
{
    private static int s_next;

    public ClientConnector(Uri server)
    {
        Server = server;
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectAsync,
        });
        SocketUri = new Uri($"ws://{server.Host}:{server.Port}/socket.io/?EIO=4&transport=websocket");
    }

    public Uri Server { get; }

    public Uri SocketUri { get; }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Bind(new IPEndPoint(NextSourceAddress(), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
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
