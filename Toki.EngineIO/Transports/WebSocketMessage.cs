using System.Buffers;
using System.Net.WebSockets;

namespace Toki.EngineIO.Transports;

/// <summary>One whole WebSocket message in a pooled buffer; return it with <see cref="Dispose"/>.</summary>
internal readonly struct WebSocketMessage : IDisposable
{
    private readonly byte[]? _buffer;

    private WebSocketMessage(byte[]? buffer, int length, WebSocketMessageType type, WebSocketReadStatus status)
    {
        _buffer = buffer;
        Length = length;
        Type = type;
        Status = status;
    }

    public int Length { get; }

    public WebSocketMessageType Type { get; }

    public WebSocketReadStatus Status { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public static WebSocketMessage Closed { get; } = new(null, 0, WebSocketMessageType.Close, WebSocketReadStatus.Closed);

    public static WebSocketMessage TooBig { get; } = new(null, 0, WebSocketMessageType.Close, WebSocketReadStatus.TooBig);

    /// <summary>
    /// Waits for data with a zero-byte read (an idle connection holds no buffer), then reads one message,
    /// fragments included, into a pooled buffer no larger than <paramref name="maxLength"/> allows.
    /// </summary>
    public static async ValueTask<WebSocketMessage> ReadAsync(WebSocket socket, int maxLength)
    {
        var aborted = WebSocketUpgrade.ReadToken(socket);
        var first = await socket.ReceiveAsync(Memory<byte>.Empty, aborted);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return Closed;
        }
        if (first.EndOfMessage)
        {
            // An empty message (an empty binary attachment, say) is already complete: reading on would take the
            // next message's bytes as this one's, or wait for a message that may never come.
            return new WebSocketMessage(null, 0, first.MessageType, WebSocketReadStatus.Message);
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
                        return TooBig;
                    }
                    var grown = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLength + 1));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return Closed;
                }
                length += result.Count;
                if (length > maxLength)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return TooBig;
                }
                if (result.EndOfMessage)
                {
                    return new WebSocketMessage(buffer, length, result.MessageType, WebSocketReadStatus.Message);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
