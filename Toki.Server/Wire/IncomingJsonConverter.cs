using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Incoming"/> (<c>call:incoming</c>) with pre-encoded names: the same bytes as the
/// metadata path, without its per-property dispatch.
/// </summary>
internal sealed class IncomingJsonConverter : WriteOnlyJsonConverter<EventPayloads.Incoming>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText CallerIdName = JsonEncodedText.Encode("callerId");
    private static readonly JsonEncodedText CallerName = JsonEncodedText.Encode("caller");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ExpiresAtName = JsonEncodedText.Encode("expiresAt");

    public override void Write(Utf8JsonWriter writer, EventPayloads.Incoming value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteString(CallerIdName, value.CallerId);
        writer.WriteParty(CallerName, value.Caller);
        writer.WriteCallType(TypeName, value.Type);
        writer.WriteTime(ExpiresAtName, value.ExpiresAt);
        writer.WriteEndObject();
    }
}
