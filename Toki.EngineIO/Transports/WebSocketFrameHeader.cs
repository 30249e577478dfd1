using System.Buffers;
using System.Buffers.Binary;

namespace Toki.EngineIO.Transports;

/// <summary>
/// The header of one RFC 6455 frame (section 5.2): FIN, the reserved bits, the opcode, the mask and the
/// payload length. Reads client headers (masked) and writes server headers (never masked).
/// </summary>
internal readonly struct WebSocketFrameHeader
{
    /// <summary>The longest header: 2 bytes, a 64-bit extended length and a 4-byte mask.</summary>
    public const int MaxLength = 14;

    public WebSocketFrameHeader(bool fin, byte reserved, WebSocketOpcode opcode, bool masked, long payloadLength, uint mask)
    {
        Fin = fin;
        Reserved = reserved;
        Opcode = opcode;
        Masked = masked;
        PayloadLength = payloadLength;
        Mask = mask;
    }

    public bool Fin { get; }

    /// <summary>RSV1–RSV3; non-zero only with a negotiated extension, and this server negotiates none.</summary>
    public byte Reserved { get; }

    public WebSocketOpcode Opcode { get; }

    public bool Masked { get; }

    /// <summary>The payload length; negative when the 64-bit form had its most significant bit set (invalid).</summary>
    public long PayloadLength { get; }

    /// <summary>The masking key as read little-endian from its four bytes (see <see cref="WebSocketMasking"/>).</summary>
    public uint Mask { get; }

    public bool IsControl => ((byte)Opcode & 0x8) != 0;

    /// <summary>Reads a header from the reader's position; false, with the reader unmoved, when it is not all there yet.</summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out WebSocketFrameHeader header)
    {
        header = default;
        Span<byte> bytes = stackalloc byte[MaxLength];
        if (!reader.TryCopyTo(bytes[..2]))
        {
            return false;
        }
        var masked = (bytes[1] & 0x80) != 0;
        var lengthCode = bytes[1] & 0x7F;
        var extended = lengthCode switch
        {
            126 => 2,
            127 => 8,
            _ => 0,
        };
        var length = 2 + extended + (masked ? 4 : 0);
        if (!reader.TryCopyTo(bytes[..length]))
        {
            return false;
        }
        long payloadLength = extended switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            8 => BinaryPrimitives.ReadInt64BigEndian(bytes[2..]),
            _ => lengthCode,
        };
        var mask = masked ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[(2 + extended)..]) : 0;
        header = new WebSocketFrameHeader((bytes[0] & 0x80) != 0, (byte)((bytes[0] >> 4) & 0x7), (WebSocketOpcode)(bytes[0] & 0xF),
            masked, payloadLength, mask);
        reader.Advance(length);
        return true;
    }

    /// <summary>The size of an unmasked (server) header for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int GetServerLength(int payloadLength) => payloadLength switch
    {
        <= 125 => 2,
        <= ushort.MaxValue => 4,
        _ => 10,
    };

    /// <summary>Writes an unmasked, final (FIN) header; returns its length.</summary>
    public static int WriteServer(Span<byte> destination, WebSocketOpcode opcode, int payloadLength)
    {
        destination[0] = (byte)(0x80 | (byte)opcode);
        switch (payloadLength)
        {
            case <= 125:
                destination[1] = (byte)payloadLength;
                return 2;
            case <= ushort.MaxValue:
                destination[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
                return 4;
            default:
                destination[1] = 127;
                BinaryPrimitives.WriteInt64BigEndian(destination[2..], payloadLength);
                return 10;
        }
    }
}
