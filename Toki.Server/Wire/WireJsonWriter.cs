using System.Text.Json;
using Toki.Calls.Domain;
using Toki.Calls.Service;

namespace Toki.Server.Wire;

/// <summary>
/// The values the hand-written payload converters share, each written as the source-generated metadata path wrote it
/// (times as <see cref="WireTime"/>, null as null).
/// </summary>
internal static class WireJsonWriter
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Video = JsonEncodedText.Encode("video");
    private static readonly JsonEncodedText Audio = JsonEncodedText.Encode("audio");

    /// <summary><c>"name": "2030-01-01T08:00:00.250Z"</c>, or <c>"name": null</c>.</summary>
    public static void WriteTime(this Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WritePropertyName(name);
        WireTime.WriteJson(writer, time);
    }

    /// <summary><c>"name": { id, name }</c></summary>
    public static void WriteParty(this Utf8JsonWriter writer, JsonEncodedText name, CallParty party)
    {
        writer.WriteStartObject(name);
        writer.WriteString(IdName, party.Id);
        writer.WriteString(NameName, party.Name);
        writer.WriteEndObject();
    }

    /// <summary><c>"name": "audio"</c> or <c>"name": "video"</c>.</summary>
    public static void WriteCallType(this Utf8JsonWriter writer, JsonEncodedText name, CallType type) =>
        writer.WriteString(name, CallTypeText(type));

    /// <summary>A call type on the wire, <c>audio</c> or <c>video</c> (also what <see cref="CallTypeJsonConverter"/> writes).</summary>
    public static JsonEncodedText CallTypeText(CallType type) => type == CallType.Video ? Video : Audio;
}
