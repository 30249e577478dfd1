using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Proceed"/> (<c>call:proceed</c>) with pre-encoded names, the media credentials through
/// <see cref="MediaCredentialsJsonConverter"/>: the same bytes as the metadata path, without its per-property dispatch.
/// </summary>
internal sealed class ProceedJsonConverter : WriteOnlyJsonConverter<EventPayloads.Proceed>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText DurationLimitName = JsonEncodedText.Encode("durationLimit");
    private static readonly JsonEncodedText RemainingTimeName = JsonEncodedText.Encode("remainingTime");
    private static readonly JsonEncodedText MediaName = JsonEncodedText.Encode("media");
    private static readonly MediaCredentialsJsonConverter Media = new();

    public override void Write(Utf8JsonWriter writer, EventPayloads.Proceed value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteString(RoleName, value.Role);
        writer.WriteCallType(TypeName, value.Type);
        writer.WriteNumber(DurationLimitName, value.DurationLimit);
        writer.WriteNumber(RemainingTimeName, value.RemainingTime);
        writer.WritePropertyName(MediaName);
        Media.Write(writer, value.Media, options);
        writer.WriteEndObject();
    }
}
