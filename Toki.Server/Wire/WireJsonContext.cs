using System.Text.Json;
using System.Text.Json.Serialization;
using Toki.Calls.Service;
using Toki.Server.Media;

namespace Toki.Server.Wire;

/// <summary>
/// The one source-generated serializer of everything Toki writes to clients: events, acks, snapshots, media
/// credentials, HTTP bodies (the admin API's too) and the Admin UI's socket data. Use <see cref="WireJson.Context"/>
/// (it adds the relaxed encoder), not Default.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [
        typeof(WireTimeJsonConverter),
        typeof(CallSnapshotJsonConverter),
        typeof(CallStatusJsonConverter),
        typeof(CallTypeJsonConverter),
        typeof(MediaCredentialsJsonConverter),
        typeof(CallAckJsonConverter),
        typeof(ProceedJsonConverter),
        typeof(IncomingJsonConverter),
        typeof(StartedJsonConverter),
        typeof(EndedJsonConverter),
        typeof(ClearAllJsonConverter),
        typeof(WalletJsonConverter),
    ])]
[JsonSerializable(typeof(EventPayloads.State))]
[JsonSerializable(typeof(EventPayloads.Incoming))]
[JsonSerializable(typeof(EventPayloads.Ringing))]
[JsonSerializable(typeof(EventPayloads.Proceed))]
[JsonSerializable(typeof(EventPayloads.Started))]
[JsonSerializable(typeof(EventPayloads.Interrupted))]
[JsonSerializable(typeof(EventPayloads.PeerInterrupted))]
[JsonSerializable(typeof(EventPayloads.Rejoined))]
[JsonSerializable(typeof(EventPayloads.PeerRejoined))]
[JsonSerializable(typeof(EventPayloads.PeerResumed))]
[JsonSerializable(typeof(EventPayloads.TimeWarning))]
[JsonSerializable(typeof(EventPayloads.Ended))]
[JsonSerializable(typeof(EventPayloads.ClearAll))]
[JsonSerializable(typeof(EventPayloads.Wallet))]
[JsonSerializable(typeof(AckPayloads.FailureAck))]
[JsonSerializable(typeof(AckPayloads.CallAck))]
[JsonSerializable(typeof(AckPayloads.RejoinAck))]
[JsonSerializable(typeof(AckPayloads.SyncAck))]
[JsonSerializable(typeof(AckPayloads.RenewAck))]
[JsonSerializable(typeof(CallSnapshot))]
[JsonSerializable(typeof(AgoraMediaCredentials))]
[JsonSerializable(typeof(WebRtcMediaCredentials))]
[JsonSerializable(typeof(HttpPayloads.ErrorBody))]
[JsonSerializable(typeof(HttpPayloads.User))]
[JsonSerializable(typeof(HttpPayloads.CallHistory))]
[JsonSerializable(typeof(HttpPayloads.Health))]
[JsonSerializable(typeof(HttpPayloads.DevToken))]
[JsonSerializable(typeof(AdminPayloads.AdminUser))]
[JsonSerializable(typeof(AdminPayloads.AdminCall))]
[JsonSerializable(typeof(AdminPayloads.AdminCallPage))]
[JsonSerializable(typeof(AdminPayloads.AdminLedger))]
[JsonSerializable(typeof(AdminPayloads.AdminUISocketData))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
