using System.Runtime.InteropServices;
using System.Text.Json;

namespace Toki.SocketIO.Protocol;

/// <summary>Writes one emitted argument as JSON, turning binary values into placeholders and attachments.</summary>
internal static class SocketIOArgumentWriter
{
    public static void Write(Utf8JsonWriter writer, object? argument, JsonSerializerOptions options, List<ReadOnlyMemory<byte>> attachments)
    {
        switch (argument)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case byte[] bytes:
                BinaryPlaceholder.Write(writer, bytes, attachments);
                break;
            case ReadOnlyMemory<byte> bytes:
                BinaryPlaceholder.Write(writer, bytes, attachments);
                break;
            case Memory<byte> bytes:
                BinaryPlaceholder.Write(writer, bytes, attachments);
                break;
            case ArraySegment<byte> bytes:
                BinaryPlaceholder.Write(writer, bytes, attachments);
                break;
            case SocketIORawJson { Attachments.Count: 0 } raw:
                writer.WriteRawValue(raw.Utf8Json.Span, skipInputValidation: true);
                break;
            case SocketIORawJson raw when attachments.Count == 0:
                writer.WriteRawValue(raw.Utf8Json.Span, skipInputValidation: true);
                attachments.AddRange(raw.Attachments);
                break;
            case SocketIORawJson raw:
                BinaryPlaceholder.WriteRenumbered(writer, raw, attachments);
                break;
            case JsonElement element:
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
            default:
                var previous = BinaryPlaceholder.Writing;
                BinaryPlaceholder.Writing = attachments;
                try
                {
                    JsonSerializer.Serialize(writer, argument, argument.GetType(), options);
                }
                finally
                {
                    BinaryPlaceholder.Writing = previous;
                }
                break;
        }
    }
}
