using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Toki.Server.Hosting.Transport;

/// <summary>A listening socket of <see cref="TokiSocketTransportFactory"/>; Kestrel's accept loop takes its connections.</summary>
internal sealed class TokiSocketListener(Socket socket, MemoryPool<byte> pool, long maxInputBuffer, long maxOutputBuffer, ILogger logger) : IConnectionListener
{
    public EndPoint EndPoint { get; } = socket.LocalEndPoint!;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException
                or SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                // Unbound.
                return null;
            }
            catch (SocketException exception)
            {
                // A connection reset before it was accepted: take the next one.
                TokiSocketTransportLog.AcceptFailed(logger, exception.SocketErrorCode, exception);
                continue;
            }
            try
            {
                if (accepted.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                {
                    accepted.NoDelay = true;
                }
                // Sends are tried without waiting first (SocketOutput); only a full send buffer goes asynchronous.
                accepted.Blocking = false;
            }
            catch (SocketException exception)
            {
                TokiSocketTransportLog.AcceptFailed(logger, exception.SocketErrorCode, exception);
                accepted.Dispose();
                continue;
            }
            var connection = new TokiSocketConnection(accepted, pool, maxInputBuffer, maxOutputBuffer);
            connection.Start();
            return connection;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        pool.Dispose();
        return ValueTask.CompletedTask;
    }
}
