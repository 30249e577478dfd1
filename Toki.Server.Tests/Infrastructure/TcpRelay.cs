using System.Net;
using System.Net.Sockets;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// Forwards TCP connections from a port on 127.0.0.1 to an upstream endpoint, and can cut the way: <see cref="Stop"/>
/// closes the listener and every relayed connection (the upstream looks unreachable), <see cref="Start"/> listens on the
/// same port again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly DnsEndPoint _upstream;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public TcpRelay(DnsEndPoint upstream)
    {
        _upstream = upstream;
        Port = FreeLoopbackPort();
    }

    public int Port { get; }

    /// <summary>A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connecting to it is refused.</summary>
    public static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        lock (_gate)
        {
            _listener = listener;
        }
        _accepting = AcceptAsync(listener);
    }

    public void Stop()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _accepting;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient downstream;
            try
            {
                downstream = await listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = RelayAsync(downstream);
        }
    }

    private async Task RelayAsync(TcpClient downstream)
    {
        var upstream = new TcpClient();
        lock (_gate)
        {
            _connections.Add(downstream);
            _connections.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port);
            var down = downstream.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up), up.CopyToAsync(down));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The relay was stopped, or one side went away.
        }
        finally
        {
            downstream.Dispose();
            upstream.Dispose();
        }
    }
}
