using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.ClearAll"/> (<c>call:clear-all</c>) with pre-encoded names: the same bytes as the
/// metadata path (a missing call id or reason written as null), without its per-property dispatch.
/// </summary>
internal sealed class ClearAllJsonConverter : WriteOnlyJsonConverter<EventPayloads.ClearAll>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");

    public override void Write(Utf8JsonWriter writer, EventPayloads.ClearAll value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteString(ReasonName, value.Reason);
        writer.WriteEndObject();
    }
}
