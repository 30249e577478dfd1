using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Started"/> (<c>call:started</c>) with pre-encoded names: the same bytes as the
/// metadata path, without its per-property dispatch.
/// </summary>
internal sealed class StartedJsonConverter : WriteOnlyJsonConverter<EventPayloads.Started>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText StartedAtName = JsonEncodedText.Encode("startedAt");
    private static readonly JsonEncodedText RemainingTimeName = JsonEncodedText.Encode("remainingTime");

    public override void Write(Utf8JsonWriter writer, EventPayloads.Started value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteTime(StartedAtName, value.StartedAt);
        writer.WriteNumber(RemainingTimeName, value.RemainingTime);
        writer.WriteEndObject();
    }
}
