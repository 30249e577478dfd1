using System.Text.Json;
using MessagePack;

namespace Toki.SocketIO.Redis.Codec;

internal static partial class MsgPackJson
{
    private static void WriteElement(ref MessagePackWriter writer, JsonElement element, IReadOnlyList<ReadOnlyMemory<byte>> attachments, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ClusterFormatException($"JSON nested deeper than {MaxDepth}");
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (attachments.Count > 0 && Placeholder.Index(element, attachments.Count) is { } index)
                {
                    writer.Write(attachments[index].Span);
                    return;
                }
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }
                writer.WriteMapHeader(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    WriteElement(ref writer, property.Value, attachments, depth + 1);
                }
                return;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(ref writer, item, attachments, depth + 1);
                }
                return;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                return;
            case JsonValueKind.Number:
                WriteNumber(ref writer, element);
                return;
            case JsonValueKind.True:
                writer.Write(true);
                return;
            case JsonValueKind.False:
                writer.Write(false);
                return;
            default:
                writer.WriteNil();
                return;
        }
    }

    // A JavaScript number that is an integer goes out in the smallest integer form, anything else as float64.
    private static void WriteNumber(ref MessagePackWriter writer, JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            writer.Write(integer);
            return;
        }
        if (element.TryGetUInt64(out var unsigned))
        {
            writer.Write(unsigned);
            return;
        }
        var value = element.GetDouble();
        if (Math.Floor(value) == value && value >= long.MinValue && value < 9.2233720368547758E18)
        {
            writer.Write((long)value);
            return;
        }
        writer.Write(value);
    }
}
