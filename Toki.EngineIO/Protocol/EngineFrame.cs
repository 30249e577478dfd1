using System.Text;

namespace Toki.EngineIO.Protocol;

/// <summary>
/// One encoded Engine.IO packet as it goes out. A text frame holds the packet type digit followed by the
/// UTF-8 data (exactly the WebSocket text frame); a binary frame holds the raw message bytes. Frames are
/// immutable once created, so one frame can be queued to many sessions.
/// </summary>
public readonly struct EngineFrame
{
    public EngineFrame(ReadOnlyMemory<byte> bytes, bool isBinary)
    {
        Bytes = bytes;
        IsBinary = isBinary;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsBinary { get; }

    public static EngineFrame Ping { get; } = Control("2");

    public static EngineFrame Noop { get; } = Control("6");

    public static EngineFrame Close { get; } = Control("1");

    public static EngineFrame PongProbe { get; } = Control("3probe");

    /// <summary>A message packet carrying <paramref name="text"/>: "4" followed by its UTF-8 bytes.</summary>
    public static EngineFrame Message(string text)
    {
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(text)];
        bytes[0] = (byte)'4';
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
        return new EngineFrame(bytes, isBinary: false);
    }

    /// <summary>A message packet carrying UTF-8 text that is already encoded.</summary>
    public static EngineFrame Message(ReadOnlySpan<byte> utf8)
    {
        var bytes = new byte[1 + utf8.Length];
        bytes[0] = (byte)'4';
        utf8.CopyTo(bytes.AsSpan(1));
        return new EngineFrame(bytes, isBinary: false);
    }

    /// <summary>Wraps an already encoded text frame whose first byte is the packet type digit.</summary>
    public static EngineFrame FromEncodedText(ReadOnlyMemory<byte> frame) => new(frame, isBinary: false);

    public static EngineFrame Binary(ReadOnlyMemory<byte> data) => new(data, isBinary: true);

    private static EngineFrame Control(string encoded) => new(Encoding.ASCII.GetBytes(encoded), isBinary: false);
}
