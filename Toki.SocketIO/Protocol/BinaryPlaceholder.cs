using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Toki.SocketIO.Protocol;

/// <summary>
/// The <c>{"_placeholder":true,"num":N}</c> objects that stand for binary attachments in a packet's JSON.
/// Serialization and deserialization run synchronously on one thread, so the attachment list of the packet
/// being written or read is passed to the converters through thread-static state.
/// </summary>
internal static class BinaryPlaceholder
{
    [ThreadStatic]
    private static List<ReadOnlyMemory<byte>>? t_writing;

    [ThreadStatic]
    private static IReadOnlyList<byte[]>? t_reading;

    public static List<ReadOnlyMemory<byte>>? Writing
    {
        get => t_writing;
        set => t_writing = value;
    }

    public static IReadOnlyList<byte[]>? Reading
    {
        get => t_reading;
        set => t_reading = value;
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> data, List<ReadOnlyMemory<byte>> attachments)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("_placeholder"u8, true);
        writer.WriteNumber("num"u8, attachments.Count);
        writer.WriteEndObject();
        attachments.Add(data);
    }

    /// <summary>
    /// Writes raw JSON whose placeholders number its own attachments from 0 into a packet that already carries
    /// attachments: each placeholder is renumbered after them and its bytes appended. Names and values are copied
    /// as they are; placeholders are recognised in the plain form <see cref="Write"/> produces.
    /// </summary>
    public static void WriteRenumbered(Utf8JsonWriter writer, SocketIORawJson raw, List<ReadOnlyMemory<byte>> attachments)
    {
        using var document = JsonDocument.Parse(raw.Utf8Json);
        var output = new ArrayBufferWriter<byte>(raw.Utf8Json.Length + 16);
        CopyRenumbered(output, document.RootElement, raw.Attachments, attachments);
        writer.WriteRawValue(output.WrittenSpan, skipInputValidation: true);
    }

    private static void CopyRenumbered(ArrayBufferWriter<byte> output, JsonElement value, IReadOnlyList<ReadOnlyMemory<byte>> own, List<ReadOnlyMemory<byte>> attachments)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when PlainPlaceholderIndex(value, own.Count) is { } index:
                output.Write("{\"_placeholder\":true,\"num\":"u8);
                output.Write(Encoding.ASCII.GetBytes(attachments.Count.ToString(CultureInfo.InvariantCulture)));
                output.Write("}"u8);
                attachments.Add(own[index]);
                break;
            case JsonValueKind.Object:
                output.Write("{"u8);
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    output.Write(first ? "\""u8 : ",\""u8);
                    first = false;
                    output.Write(JsonMarshal.GetRawUtf8PropertyName(property));
                    output.Write("\":"u8);
                    CopyRenumbered(output, property.Value, own, attachments);
                }
                output.Write("}"u8);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        output.Write(","u8);
                    }
                    firstItem = false;
                    CopyRenumbered(output, item, own, attachments);
                }
                output.Write("]"u8);
                break;
            default:
                output.Write(JsonMarshal.GetRawUtf8Value(value));
                break;
        }
    }

    /// <summary>The index of a placeholder written as <c>{"_placeholder":true,"num":N}</c> (names compared unescaped).</summary>
    private static int? PlainPlaceholderIndex(JsonElement element, int count)
    {
        var flag = false;
        int? index = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.SequenceEqual("_placeholder"u8))
            {
                flag = property.Value.ValueKind == JsonValueKind.True;
            }
            else if (name.SequenceEqual("num"u8))
            {
                index = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var n) && n >= 0 && n < count ? n : null;
            }
        }
        return flag ? index : null;
    }

    /// <summary>The attachment a placeholder element stands for, or null when the element is not a valid placeholder.</summary>
    public static byte[]? Resolve(JsonElement element, IReadOnlyList<byte[]> attachments)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("_placeholder"u8, out var flag) || flag.ValueKind != JsonValueKind.True
            || !element.TryGetProperty("num"u8, out var num) || num.ValueKind != JsonValueKind.Number || !num.TryGetInt32(out var index)
            || index < 0 || index >= attachments.Count)
        {
            return null;
        }
        return attachments[index];
    }
}
