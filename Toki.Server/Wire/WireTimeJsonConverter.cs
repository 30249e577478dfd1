using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Wire;

/// <summary>Writes every <see cref="DateTimeOffset"/> of a wire payload as <see cref="WireTime"/> does.</summary>
internal sealed class WireTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        WireTime.WriteJson(writer, value);
}
