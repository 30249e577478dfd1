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
