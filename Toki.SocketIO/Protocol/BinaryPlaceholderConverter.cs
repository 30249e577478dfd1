using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.SocketIO.Protocol;

/// <summary>
/// Writes byte arrays nested anywhere in an argument as placeholders plus attachments (base64 when no packet
/// is being encoded), and reads placeholders back into the attachment bytes.
/// </summary>
internal sealed class BinaryPlaceholderConverter : JsonConverter<byte[]>
{
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetBytesFromBase64();
        }
        using var document = JsonDocument.ParseValue(ref reader);
        var attachments = BinaryPlaceholder.Reading
            ?? throw new JsonException("A binary placeholder can only be read from a received packet.");
        return BinaryPlaceholder.Resolve(document.RootElement, attachments)
            ?? throw new JsonException("Invalid binary placeholder.");
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
    {
        if (BinaryPlaceholder.Writing is { } attachments)
        {
            BinaryPlaceholder.Write(writer, value, attachments);
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }
}
