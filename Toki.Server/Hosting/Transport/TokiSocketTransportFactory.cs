using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Toki.Server.Hosting.Transport;

/// <summary>
/// Toki's socket transport for Kestrel (<c>Server:Transport</c> = <c>Toki</c>), registered after Kestrel's own so
/// that Kestrel binds TCP and Unix-socket endpoints with it; anything else (a systemd socket handle) still goes to
/// Kestrel's. Its connections (<see cref="TokiSocketConnection"/>) keep no pipes, loops or buffers while idle.
/// </summary>
internal sealed class TokiSocketTransportFactory(
    IMemoryPoolFactory<byte> memoryPools, IOptions<KestrelServerOptions> kestrel, ILogger<TokiSocketTransportFactory> logger)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private const int Backlog = 512;

    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint or UnixDomainSocketEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = endpoint switch
        {
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            _ => throw new NotSupportedException($"Toki's socket transport does not bind {endpoint.GetType().Name} endpoints."),
        };
        try
        {
            if (endpoint is IPEndPoint { Address: var address } && address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            socket.Bind(endpoint);
            socket.Listen(Backlog);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(exception.Message, exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        MemoryPool<byte> pool = memoryPools.Create();
        var limits = kestrel.Value.Limits;
        var maxInputBuffer = limits.MaxRequestBufferSize ?? 0;
        // As Kestrel reads MaxResponseBufferSize: null is no limit, 0 makes every flush wait for the socket.
        var maxOutputBuffer = limits.MaxResponseBufferSize switch
        {
            null => long.MaxValue,
            0 => 1,
            var size => size.Value,
        };
        var listener = new TokiSocketListener(socket, pool, maxInputBuffer, maxOutputBuffer, logger);
        TokiSocketTransportLog.Bound(logger, listener.EndPoint);
        return new ValueTask<IConnectionListener>(listener);
    }
}
