using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// Writes a value as JSON.stringify would on a Node server: the classic adapter sends server-side emits, their answers
/// and fetched sockets as JSON, where a Buffer becomes <c>{"type":"Buffer","data":[bytes...]}</c>.
/// </summary>
internal static class NodeJson
{
    public static void Write(Utf8JsonWriter writer, SocketIOData value)
    {
        if (value.Attachments.Count == 0)
        {
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
            return;
        }
        using var document = JsonDocument.Parse(value.Json);
        Write(writer, document.RootElement, value.Attachments);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when Placeholder.Index(element, attachments.Count) is { } index:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "Buffer");
                writer.WriteStartArray("data"u8);
                foreach (var b in attachments[index].Span)
                {
                    writer.WriteNumberValue(b);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, attachments);
                }
                writer.WriteEndObject();
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, attachments);
                }
                writer.WriteEndArray();
                return;
            default:
                element.WriteTo(writer);
                return;
        }
    }
}
