using System.Buffers;
using System.Net.WebSockets;

namespace Toki.EngineIO.Transports;

/// <summary>One whole WebSocket message in a pooled buffer; return it with <see cref="Dispose"/>.</summary>
internal readonly struct WebSocketMessage : IDisposable
{
    private readonly byte[]? _buffer;

    public WebSocketMessage(byte[]? buffer, int length, WebSocketMessageType type)
        : this(buffer, length, type, WebSocketReadStatus.Message)
    {
    }

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

    public static WebSocketMessage Empty(WebSocketMessageType type) => new(null, 0, type, WebSocketReadStatus.Message);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
