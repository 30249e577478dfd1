using System.Runtime.InteropServices;
using System.Text.Json;

namespace Toki.SocketIO.Protocol;

/// <summary>
/// Decodes the text form of a Socket.IO packet (the Engine.IO message data):
/// <c>type [attachments "-"] ["/" namespace ","] [ack id] [JSON payload]</c>, and checks the payload's shape
/// for its type as the reference parser does. Pure.
/// </summary>
public static class SocketIOPacketDecoder
{
    public const int DefaultMaxAttachments = 10;
    private const int MaxAckIdDigits = 15;
    private const int MaxNamespaceLength = 256;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private static readonly string[] ReservedEvents = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    public static SocketIOParseError Decode(ReadOnlySpan<byte> text, out SocketIOPacket? packet, int maxAttachments = DefaultMaxAttachments)
    {
        packet = null;
        if (text.IsEmpty)
        {
            return SocketIOParseError.EmptyPacket;
        }
        var typeDigit = text[0] - (byte)'0';
        if (typeDigit is < 0 or > (int)SocketIOPacketType.BinaryAck)
        {
            return SocketIOParseError.UnknownPacketType;
        }
        var type = (SocketIOPacketType)typeDigit;
        var position = 1;

        var attachments = 0;
        if (type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
        {
            var dash = text[position..].IndexOf((byte)'-');
            if (dash <= 0 || dash > 3 || !TryParseDigits(text.Slice(position, dash), out var count))
            {
                return SocketIOParseError.IllegalAttachments;
            }
            if (count > maxAttachments)
            {
                return SocketIOParseError.TooManyAttachments;
            }
            attachments = (int)count;
            position += dash + 1;
        }

        var @namespace = "/";
        if (position < text.Length && text[position] == (byte)'/')
        {
            var rest = text[position..];
            var comma = rest.IndexOf((byte)',');
            var nsBytes = comma < 0 ? rest : rest[..comma];
            if (nsBytes.Length > MaxNamespaceLength || !System.Text.Unicode.Utf8.IsValid(nsBytes))
            {
                return SocketIOParseError.InvalidNamespace;
            }
            @namespace = System.Text.Encoding.UTF8.GetString(nsBytes);
            position += comma < 0 ? rest.Length : comma + 1;
        }

        long? ackId = null;
        var digits = 0;
        while (position + digits < text.Length && IsDigit(text[position + digits]))
        {
            digits++;
        }
        if (digits > 0)
        {
            if (digits > MaxAckIdDigits || type is not (SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent or SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck))
            {
                return SocketIOParseError.InvalidAckId;
            }
            TryParseDigits(text.Slice(position, digits), out var id);
            ackId = id;
            position += digits;
        }

        JsonDocument? payload = null;
        var payloadBytes = text[position..];
        if (!payloadBytes.IsEmpty)
        {
            var error = ParsePayload(payloadBytes, out payload);
            if (error != SocketIOParseError.None)
            {
                return error;
            }
            if (!IsPayloadValid(type, payload!.RootElement))
            {
                payload.Dispose();
                return SocketIOParseError.InvalidPayload;
            }
            if (type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck && !ArePlaceholdersValid(payload.RootElement, attachments))
            {
                payload.Dispose();
                return SocketIOParseError.IllegalAttachments;
            }
        }
        else if (type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent or SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck)
        {
            return SocketIOParseError.InvalidPayload;
        }

        packet = new SocketIOPacket(type, @namespace, ackId, attachments, payload) { PayloadLength = payloadBytes.Length };
        return SocketIOParseError.None;
    }

    private static SocketIOParseError ParsePayload(ReadOnlySpan<byte> bytes, out JsonDocument? document)
    {
        document = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        try
        {
            if (!JsonDocument.TryParseValue(ref reader, out document))
            {
                return SocketIOParseError.InvalidJson;
            }
            if (reader.Read())
            {
                document.Dispose();
                document = null;
                return SocketIOParseError.InvalidJson;
            }
            return SocketIOParseError.None;
        }
        catch (JsonException)
        {
            document?.Dispose();
            document = null;
            return SocketIOParseError.InvalidJson;
        }
    }

    private static bool IsPayloadValid(SocketIOPacketType type, JsonElement payload) => type switch
    {
        SocketIOPacketType.Connect => payload.ValueKind == JsonValueKind.Object,
        SocketIOPacketType.Disconnect => false,
        SocketIOPacketType.ConnectError => payload.ValueKind is JsonValueKind.Object or JsonValueKind.String,
        SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent => IsEventArray(payload),
        SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck => payload.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    private static bool IsEventArray(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Array || payload.GetArrayLength() == 0)
        {
            return false;
        }
        var name = payload[0];
        return name.ValueKind == JsonValueKind.Number
            || (name.ValueKind == JsonValueKind.String && JsonStringText.IsWellFormed(JsonMarshal.GetRawUtf8Value(name)) && !IsReserved(name));
    }

    /// <summary>
    /// Whether every <c>{"_placeholder":true,...}</c> object names an attachment the packet announced (an integer
    /// num from 0 to count - 1), as the reference parser demands when it puts the attachments back.
    /// </summary>
    private static bool ArePlaceholdersValid(JsonElement element, int attachments)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!ArePlaceholdersValid(item, attachments))
                    {
                        return false;
                    }
                }
                return true;
            case JsonValueKind.Object:
                if (element.TryGetProperty("_placeholder"u8, out var flag) && flag.ValueKind == JsonValueKind.True)
                {
                    return element.TryGetProperty("num"u8, out var num) && num.ValueKind == JsonValueKind.Number
                        && num.TryGetInt32(out var index) && index >= 0 && index < attachments;
                }
                foreach (var property in element.EnumerateObject())
                {
                    if (!ArePlaceholdersValid(property.Value, attachments))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    private static bool IsReserved(JsonElement name)
    {
        foreach (var reserved in ReservedEvents)
        {
            if (name.ValueEquals(reserved))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';

    private static bool TryParseDigits(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (!IsDigit(digit))
            {
                return false;
            }
            value = (value * 10) + (digit - '0');
        }
        return digits.Length > 0;
    }
}
