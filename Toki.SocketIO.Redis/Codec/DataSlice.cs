using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// Cuts one value out of a decoded message as a <see cref="SocketIOData"/> of its own: the element's JSON, with the
/// placeholders in it renumbered 0, 1, ... and only the attachments they refer to.
/// </summary>
internal static class DataSlice
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static SocketIOData Of(JsonElement element, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        if (attachments.Count == 0)
        {
            return new SocketIOData(JsonMarshal.GetRawUtf8Value(element).ToArray());
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        var own = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, element, attachments, own);
        }
        return new SocketIOData(buffer.WrittenMemory.ToArray(), own.Count == 0 ? null : own);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, IReadOnlyList<ReadOnlyMemory<byte>> attachments, List<ReadOnlyMemory<byte>> own)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when Placeholder.Index(element, attachments.Count) is { } index:
                writer.WriteStartObject();
                writer.WriteBoolean("_placeholder"u8, true);
                writer.WriteNumber("num"u8, own.Count);
                writer.WriteEndObject();
                own.Add(attachments[index]);
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, attachments, own);
                }
                writer.WriteEndObject();
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, attachments, own);
                }
                writer.WriteEndArray();
                return;
            default:
                element.WriteTo(writer);
                return;
        }
    }
}
