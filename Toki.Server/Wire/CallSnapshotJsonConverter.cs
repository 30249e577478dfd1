using System.Text.Json;
using Toki.Calls.Domain;
using Toki.Calls.Service;

namespace Toki.Server.Wire;

/// <summary>
/// Writes a <see cref="CallSnapshot"/> (protocol.md §5) property by property with pre-encoded names. A snapshot rides on
/// nearly every ack and several events, and the generated fast path cannot serve it (the wire options change the encoder
/// and the format of times), so the metadata path's per-property dispatch was the larger part of each call step's JSON.
/// Same output as that path: the names and their order, nulls written, times as <see cref="WireTime"/>.
/// </summary>
internal sealed class CallSnapshotJsonConverter : WriteOnlyJsonConverter<CallSnapshot>
{
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText CallerName = JsonEncodedText.Encode("caller");
    private static readonly JsonEncodedText CalleeName = JsonEncodedText.Encode("callee");
    private static readonly JsonEncodedText CallerIdName = JsonEncodedText.Encode("callerId");
    private static readonly JsonEncodedText CalleeIdName = JsonEncodedText.Encode("calleeId");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText CreatedAtName = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText AcceptedAtName = JsonEncodedText.Encode("acceptedAt");
    private static readonly JsonEncodedText StartedAtName = JsonEncodedText.Encode("startedAt");
    private static readonly JsonEncodedText EndedAtName = JsonEncodedText.Encode("endedAt");
    private static readonly JsonEncodedText EndReasonName = JsonEncodedText.Encode("endReason");
    private static readonly JsonEncodedText DurationLimitSecName = JsonEncodedText.Encode("durationLimitSec");
    private static readonly JsonEncodedText ActiveMsName = JsonEncodedText.Encode("activeMs");
    private static readonly JsonEncodedText LastResumedAtName = JsonEncodedText.Encode("lastResumedAt");
    private static readonly JsonEncodedText JoinedUserIdsName = JsonEncodedText.Encode("joinedUserIds");
    private static readonly JsonEncodedText InterruptedUserIdsName = JsonEncodedText.Encode("interruptedUserIds");
    private static readonly JsonEncodedText RejoinedUserIdsName = JsonEncodedText.Encode("rejoinedUserIds");
    private static readonly JsonEncodedText RejoinDeadlinesName = JsonEncodedText.Encode("rejoinDeadlines");
    private static readonly JsonEncodedText RejoinDeadlineName = JsonEncodedText.Encode("rejoinDeadline");
    private static readonly JsonEncodedText RingDeadlineName = JsonEncodedText.Encode("ringDeadline");
    private static readonly JsonEncodedText ConnectDeadlineName = JsonEncodedText.Encode("connectDeadline");
    private static readonly JsonEncodedText EndsAtName = JsonEncodedText.Encode("endsAt");
    private static readonly JsonEncodedText HoldCoinsName = JsonEncodedText.Encode("holdCoins");
    private static readonly JsonEncodedText CoinsChargedName = JsonEncodedText.Encode("coinsCharged");
    private static readonly JsonEncodedText BilledSecondsName = JsonEncodedText.Encode("billedSeconds");
    private static readonly JsonEncodedText SettledAtName = JsonEncodedText.Encode("settledAt");
    private static readonly JsonEncodedText VersionName = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText RemainingTimeName = JsonEncodedText.Encode("remainingTime");

    public override void Write(Utf8JsonWriter writer, CallSnapshot value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(CallIdName, value.CallId);
        writer.WriteParty(CallerName, value.Caller);
        writer.WriteParty(CalleeName, value.Callee);
        writer.WriteString(CallerIdName, value.CallerId);
        writer.WriteString(CalleeIdName, value.CalleeId);
        writer.WriteCallType(TypeName, value.Type);
        writer.WriteString(StatusName, value.Status.ToWire());
        writer.WriteTime(CreatedAtName, value.CreatedAt);
        writer.WriteTime(AcceptedAtName, value.AcceptedAt);
        writer.WriteTime(StartedAtName, value.StartedAt);
        writer.WriteTime(EndedAtName, value.EndedAt);
        writer.WriteString(EndReasonName, value.EndReason);
        writer.WriteNumber(DurationLimitSecName, value.DurationLimitSec);
        writer.WriteNumber(ActiveMsName, value.ActiveMs);
        writer.WriteTime(LastResumedAtName, value.LastResumedAt);
        Strings(writer, JoinedUserIdsName, value.JoinedUserIds);
        Strings(writer, InterruptedUserIdsName, value.InterruptedUserIds);
        Strings(writer, RejoinedUserIdsName, value.RejoinedUserIds);
        writer.WriteStartObject(RejoinDeadlinesName);
        foreach (var (userId, deadline) in value.RejoinDeadlines)
        {
            writer.WriteTime(JsonEncodedText.Encode(userId, options.Encoder), deadline);
        }
        writer.WriteEndObject();
        writer.WriteTime(RejoinDeadlineName, value.RejoinDeadline);
        writer.WriteTime(RingDeadlineName, value.RingDeadline);
        writer.WriteTime(ConnectDeadlineName, value.ConnectDeadline);
        writer.WriteTime(EndsAtName, value.EndsAt);
        writer.WriteNumber(HoldCoinsName, value.HoldCoins);
        writer.WriteNumber(CoinsChargedName, value.CoinsCharged);
        writer.WriteNumber(BilledSecondsName, value.BilledSeconds);
        writer.WriteTime(SettledAtName, value.SettledAt);
        writer.WriteNumber(VersionName, value.Version);
        writer.WriteNumber(RemainingTimeName, value.RemainingTime);
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
        }
        writer.WriteEndArray();
    }
}
