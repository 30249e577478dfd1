using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO.Transports;

/// <summary>A <see cref="WebSocket"/> accepted through the HTTP upgrade of a request.</summary>
internal sealed class ManagedEngineWebSocket : EngineWebSocket
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;

    // Disposing Kestrel's upgraded stream does not end a read pending on it, so WebSocket.Abort alone leaves a
    // silent peer's connection (and its request) open for good. Every read carries this token instead.
    private readonly CancellationTokenSource _abort = new();

    public ManagedEngineWebSocket(WebSocket socket, HttpContext context)
    {
        _socket = socket;
        _context = context;
    }

    public override bool IsClosed => _socket.State is WebSocketState.Closed or WebSocketState.Aborted;

    public override async ValueTask<WebSocketMessage> ReadMessageAsync(int maxLength)
    {
        // A zero-byte read first: the connection holds no buffer while it waits.
        var first = await _socket.ReceiveAsync(Memory<byte>.Empty, _abort.Token);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return WebSocketMessage.Closed;
        }
        if (first.EndOfMessage)
        {
            // An empty message (an empty binary attachment, say) is already complete: reading on would take the
            // next message's bytes as this one's, or wait for a message that may never come.
            return WebSocketMessage.Empty(first.MessageType);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= maxLength)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return WebSocketMessage.TooBig;
                    }
                    var grown = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLength + 1));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }
                var result = await _socket.ReceiveAsync(buffer.AsMemory(length), _abort.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return WebSocketMessage.Closed;
                }
                length += result.Count;
                if (length > maxLength)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return WebSocketMessage.TooBig;
                }
                if (result.EndOfMessage)
                {
                    return new WebSocketMessage(buffer, length, result.MessageType);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public override ValueTask SendAsync(EngineFrame frame, bool endOfBatch) =>
        _socket.SendAsync(frame.Bytes, frame.IsBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text,
            WebSocketMessageFlags.EndOfMessage, CancellationToken.None);

    public override async ValueTask CloseOutputAsync(WebSocketCloseStatus status)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(status, null, CancellationToken.None);
        }
        if (IsClosed)
        {
            SignalClosed();
        }
    }

    public override async Task DrainAsync()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(scratch.AsMemory(), _abort.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            // The read ended without the peer's close frame (the managed WebSocket usually aborts itself then): no
            // closing handshake can finish on this connection.
            Abort();
            return;
        }
        if (IsClosed)
        {
            SignalClosed();
        }
    }

    public override void Abort()
    {
        _abort.Cancel();
        try
        {
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
        }
        SignalClosed();
    }

    // A send stuck on a peer that reads nothing is not ended by WebSocket.Abort: only aborting the request's
    // connection releases it.
    public override void AbortUnresponsive()
    {
        SocketReset.Arm(_context.Features.Get<IConnectionSocketFeature>());
        Abort();
        _context.Abort();
    }
}
