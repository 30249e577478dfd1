using System.Net;
using System.Net.Sockets;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on a port of its own that can be pointed at another server, or nowhere (new connections are then
/// refused by being closed at once), and can cut every open connection: a client behind it "moves" between servers
/// the way it would behind a load balancer when its server dies.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile int _target;

    public TcpProxy(int target)
    {
        _target = target;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Sends new connections to <paramref name="port"/> (0: close them at once).</summary>
    public void PointTo(int port) => _target = port;

    /// <summary>Closes every connection open through the proxy.</summary>
    public void CutAll()
    {
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }
            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = ForwardAsync(inbound, _target);
        }
    }

    private async Task ForwardAsync(TcpClient inbound, int target)
    {
        var outbound = new TcpClient();
        try
        {
            if (target == 0)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }
            await outbound.ConnectAsync(IPAddress.Loopback, target);
        }
        catch (SocketException)
        {
            inbound.Dispose();
            outbound.Dispose();
            return;
        }
        lock (_open)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }
        var a = inbound.GetStream();
        var b = outbound.GetStream();
        await Task.WhenAny(Pump(a, b), Pump(b, a));
        inbound.Dispose();
        outbound.Dispose();
    }

    private static async Task Pump(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await from.ReadAsync(buffer) is var read and > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
        {
        }
    }
}
