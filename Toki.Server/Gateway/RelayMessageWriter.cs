using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// Builds a relayed signalling payload: the client's object copied byte for byte (names and values exactly as
/// received, escapes included), except <c>from</c>, which the server always sets to the sender (a client-supplied
/// <c>from</c> is dropped, never trusted). Binary values travel on as attachments: each placeholder is renumbered
/// for the relayed packet and its bytes attached, so the peer's client rebuilds the same Buffer or ArrayBuffer.
/// </summary>
internal static class RelayMessageWriter
{
    private const int MaxRetainedCapacity = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>
    /// The relayed object, or false when one of its placeholders names no attachment of the packet (the peer's
    /// parser would reject the whole packet, so it is refused here).
    /// </summary>
    public static bool TryWrite(JsonElement message, IReadOnlyList<byte[]> received, JsonEncodedText fromUserId, out SocketIORawJson relayed)
    {
        relayed = null!;
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        List<ReadOnlyMemory<byte>>? attachments = received.Count > 0 ? [] : null;

        Append(buffer, "{"u8);
        foreach (var property in message.EnumerateObject())
        {
            if (WellFormedJsonText.NameEquals(property, "from"u8))
            {
                continue;
            }
            AppendName(buffer, property);
            if (attachments is null)
            {
                Append(buffer, JsonMarshal.GetRawUtf8Value(property.Value));
            }
            else if (!TryCopy(buffer, property.Value, received, attachments))
            {
                return false;
            }
            Append(buffer, ","u8);
        }
        Append(buffer, "\"from\":\""u8);
        Append(buffer, fromUserId.EncodedUtf8Bytes);
        Append(buffer, "\"}"u8);

        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedCapacity)
        {
            t_buffer = null;
        }
        relayed = attachments is { Count: > 0 } ? new SocketIORawJson(bytes, attachments) : new SocketIORawJson(bytes);
        return true;
    }

    /// <summary>Copies a value of a binary event, replacing each placeholder by one numbered for the relayed packet.</summary>
    private static bool TryCopy(ArrayBufferWriter<byte> buffer, JsonElement value, IReadOnlyList<byte[]> received, List<ReadOnlyMemory<byte>> attachments)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                switch (BinaryPlaceholderReader.Read(value, received, out var bytes))
                {
                    case BinaryPlaceholderKind.Invalid:
                        return false;
                    case BinaryPlaceholderKind.Binary:
                        Append(buffer, "{\"_placeholder\":true,\"num\":"u8);
                        Utf8Formatter.TryFormat(attachments.Count, buffer.GetSpan(11), out var written);
                        buffer.Advance(written);
                        Append(buffer, "}"u8);
                        attachments.Add(bytes);
                        return true;
                }
                Append(buffer, "{"u8);
                var firstProperty = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!firstProperty)
                    {
                        Append(buffer, ","u8);
                    }
                    firstProperty = false;
                    AppendName(buffer, property);
                    if (!TryCopy(buffer, property.Value, received, attachments))
                    {
                        return false;
                    }
                }
                Append(buffer, "}"u8);
                return true;
            case JsonValueKind.Array:
                Append(buffer, "["u8);
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        Append(buffer, ","u8);
                    }
                    firstItem = false;
                    if (!TryCopy(buffer, item, received, attachments))
                    {
                        return false;
                    }
                }
                Append(buffer, "]"u8);
                return true;
            default:
                Append(buffer, JsonMarshal.GetRawUtf8Value(value));
                return true;
        }
    }

    private static void AppendName(ArrayBufferWriter<byte> buffer, JsonProperty property)
    {
        Append(buffer, "\""u8);
        Append(buffer, JsonMarshal.GetRawUtf8PropertyName(property));
        Append(buffer, "\":"u8);
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);
}
