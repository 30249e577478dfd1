using System.Buffers;
using System.Net.WebSockets;

namespace Toki.EngineIO.Transports;

/// <summary>
/// The message being reassembled from its frames, in a pooled buffer that grows with the payload that actually
/// arrives (a header announcing a large frame does not reserve its length up front).
/// </summary>
internal struct WebSocketMessageAssembly
{
    private const int MinGrowth = 4096;

    public byte[]? Buffer;
    public int Length;
    public WebSocketMessageType Type;

    /// <summary>Makes room for <paramref name="needed"/> bytes; <paramref name="expected"/> is where the current frame ends.</summary>
    public void EnsureCapacity(int needed, long expected)
    {
        if (needed == 0 || (Buffer is not null && Buffer.Length >= needed))
        {
            return;
        }
        var size = needed == expected ? needed : (int)Math.Min(expected, Math.Max(needed, Math.Max(MinGrowth, (Buffer?.Length ?? 0) * 2)));
        var grown = ArrayPool<byte>.Shared.Rent(size);
        if (Buffer is not null)
        {
            Buffer.AsSpan(0, Length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(Buffer);
        }
        Buffer = grown;
    }

    /// <summary>Hands the buffer over to the message; the assembly is empty afterwards.</summary>
    public WebSocketMessage Complete()
    {
        var message = new WebSocketMessage(Buffer, Length, Type);
        this = default;
        return message;
    }

    public void Release()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
        this = default;
    }
}
