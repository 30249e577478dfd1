using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Wire;

/// <summary>Writes every <see cref="DateTimeOffset"/> of a wire payload as <see cref="WireTime"/> does.</summary>
internal sealed class WireTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[WireTime.Length];
        WireTime.Write(value, utf8);
        writer.WriteStringValue(utf8);
    }

    /// <summary>Dictionary keys (a snapshot's rejoin deadlines are keyed by user, so this is not reached today).</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[WireTime.Length];
        WireTime.Write(value, utf8);
        writer.WritePropertyName(utf8);
    }
}
