using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// Builds a relayed signalling payload: the client's object copied verbatim, except <c>from</c>, which the
/// server always sets to the sender (a client-supplied <c>from</c> is dropped, never trusted).
/// </summary>
internal static class RelayMessageWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static SocketIORawJson Write(JsonElement message, string fromUserId)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);

        writer.WriteStartObject();
        foreach (var property in message.EnumerateObject())
        {
            if (property.NameEquals("from"u8))
            {
                continue;
            }
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            if (rawName.Contains((byte)'\\'))
            {
                writer.WritePropertyName(property.Name);
            }
            else
            {
                writer.WritePropertyName(rawName);
            }
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
        }
        writer.WriteString("from"u8, fromUserId);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
            t_writer = null;
        }
        return new SocketIORawJson(bytes);
    }
}
