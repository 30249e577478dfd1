using System.Text.Json;
using Toki.Calls.Domain;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Ended"/> (<c>call:ended</c>) with pre-encoded names: the same bytes as the metadata
/// path (a missing reason or end time written as null), without its per-property dispatch.
/// </summary>
internal sealed class EndedJsonConverter : WriteOnlyJsonConverter<EventPayloads.Ended>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText BilledSecondsName = JsonEncodedText.Encode("billedSeconds");
    private static readonly JsonEncodedText CoinsChargedName = JsonEncodedText.Encode("coinsCharged");
    private static readonly JsonEncodedText EndedAtName = JsonEncodedText.Encode("endedAt");

    public override void Write(Utf8JsonWriter writer, EventPayloads.Ended value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteString(StatusName, value.Status.ToWire());
        writer.WriteString(ReasonName, value.Reason);
        writer.WriteNumber(BilledSecondsName, value.BilledSeconds);
        writer.WriteNumber(CoinsChargedName, value.CoinsCharged);
        writer.WriteTime(EndedAtName, value.EndedAt);
        writer.WriteEndObject();
    }
}
