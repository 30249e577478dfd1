using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.ClearAll"/> (<c>call:clear-all</c>) with pre-encoded names: the same bytes as the
/// metadata path (a missing call id or reason written as null), without its per-property dispatch.
/// </summary>
internal sealed class ClearAllJsonConverter : JsonConverter<EventPayloads.ClearAll>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");

    /// <summary>Events are only ever written: the server never takes one in.</summary>
    public override EventPayloads.ClearAll Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("An event payload is written by the server, never read.");

    public override void Write(Utf8JsonWriter writer, EventPayloads.ClearAll value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteString(ReasonName, value.Reason);
        writer.WriteEndObject();
    }
}
