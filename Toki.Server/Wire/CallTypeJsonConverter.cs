using System.Text.Json;
using System.Text.Json.Serialization;
using Toki.Calls.Domain;

namespace Toki.Server.Wire;

/// <summary>A call type as <c>audio</c> or <c>video</c>.</summary>
internal sealed class CallTypeJsonConverter : JsonConverter<CallType>
{
    public override CallType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() switch
    {
        "audio" => CallType.Audio,
        "video" => CallType.Video,
        var other => throw new JsonException($"Unknown call type '{other}'."),
    };

    public override void Write(Utf8JsonWriter writer, CallType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireJsonWriter.CallTypeText(value));
}
