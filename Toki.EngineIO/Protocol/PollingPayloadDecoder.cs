using System.Buffers;
using System.Buffers.Text;
using System.Text.Unicode;

namespace Toki.EngineIO.Protocol;

/// <summary>
/// Decodes an HTTP long-polling request body: packets separated by the record separator 0x1E, binary packets
/// as "b" followed by standard base64, text packets valid UTF-8 (as a WebSocket text frame must be).
/// Pure: the returned packets point into <paramref name="payload"/>
/// (text) or into freshly decoded arrays (binary).
/// </summary>
public static class PollingPayloadDecoder
{
    public const byte RecordSeparator = 0x1E;

    public static EngineDecodeError Decode(ReadOnlyMemory<byte> payload, List<DecodedPacket> packets)
    {
        var span = payload.Span;
        var start = 0;
        while (true)
        {
            var length = span[start..].IndexOf(RecordSeparator);
            var end = length < 0 ? span.Length : start + length;
            var error = DecodeOne(payload[start..end], packets);
            if (error != EngineDecodeError.None)
            {
                return error;
            }
            if (length < 0)
            {
                return EngineDecodeError.None;
            }
            start = end + 1;
        }
    }

    /// <summary>Decodes one text packet as it arrives in a WebSocket text frame or a polling payload.</summary>
    public static EngineDecodeError DecodeText(ReadOnlySpan<byte> packet, out EnginePacketType type)
    {
        type = default;
        if (packet.IsEmpty)
        {
            return EngineDecodeError.EmptyPacket;
        }
        var digit = packet[0] - (byte)'0';
        if (digit is < 0 or > (int)EnginePacketType.Noop)
        {
            return EngineDecodeError.UnknownPacketType;
        }
        type = (EnginePacketType)digit;
        return EngineDecodeError.None;
    }

    private static EngineDecodeError DecodeOne(ReadOnlyMemory<byte> packet, List<DecodedPacket> packets)
    {
        var span = packet.Span;
        if (!span.IsEmpty && span[0] == (byte)'b')
        {
            var encoded = span[1..];
            var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
            if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done)
            {
                return EngineDecodeError.InvalidBase64;
            }
            packets.Add(new DecodedPacket(EnginePacketType.Message, IsBinary: true, decoded.AsMemory(0, written)));
            return EngineDecodeError.None;
        }

        var error = DecodeText(span, out var type);
        if (error != EngineDecodeError.None)
        {
            return error;
        }
        if (!Utf8.IsValid(span))
        {
            return EngineDecodeError.InvalidUtf8;
        }
        packets.Add(new DecodedPacket(type, IsBinary: false, packet[1..]));
        return EngineDecodeError.None;
    }
}
