using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Incoming"/> (<c>call:incoming</c>) with pre-encoded names: the same bytes as the
/// metadata path, without its per-property dispatch.
/// </summary>
internal sealed class IncomingJsonConverter : JsonConverter<EventPayloads.Incoming>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText CallerIdName = JsonEncodedText.Encode("callerId");
    private static readonly JsonEncodedText CallerName = JsonEncodedText.Encode("caller");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ExpiresAtName = JsonEncodedText.Encode("expiresAt");

    /// <summary>Events are only ever written: the server never takes one in.</summary>
    public override EventPayloads.Incoming Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("An event payload is written by the server, never read.");

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
