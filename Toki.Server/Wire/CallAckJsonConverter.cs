using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="AckPayloads.CallAck"/>, the ack of request, accept, joined, end and most other events, with
/// pre-encoded names and the snapshot through <see cref="CallSnapshotJsonConverter"/>: the same bytes as the metadata
/// path, without its per-property dispatch on the hottest ack.
/// </summary>
internal sealed class CallAckJsonConverter : WriteOnlyJsonConverter<AckPayloads.CallAck>
{
    private static readonly JsonEncodedText OkName = JsonEncodedText.Encode("ok");
    private static readonly JsonEncodedText CallName = JsonEncodedText.Encode("call");
    private static readonly CallSnapshotJsonConverter Snapshot = new();

    public override void Write(Utf8JsonWriter writer, AckPayloads.CallAck value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean(OkName, value.Ok);
        if (value.Call is { } call)
        {
            writer.WritePropertyName(CallName);
            Snapshot.Write(writer, call, options);
        }
        else
        {
            writer.WriteNull(CallName);
        }
        writer.WriteEndObject();
    }
}
