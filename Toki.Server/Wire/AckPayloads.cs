using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Toki.Calls.Ports;
using Toki.Calls.Service;

namespace Toki.Server.Wire;

/// <summary>The acknowledgement of every client event (§2 and §3 of protocol.md), property by property in wire order.</summary>
[SuppressMessage("Design", "CA1034:Nested types should not be visible", Justification = "One place for every ack shape.")]
internal static class AckPayloads
{
    /// <summary><c>{ ok: false, error: { code, message } }</c></summary>
    public sealed record FailureAck(bool Ok, WireError Error);

    /// <summary><c>{ ok: true, call }</c></summary>
    public sealed record CallAck(bool Ok, CallSnapshot? Call);

    /// <summary><c>call:rejoin</c>: <c>{ ok, call, media, remainingTime }</c></summary>
    public sealed record RejoinAck(bool Ok, CallSnapshot Call, MediaCredentials? Media, int RemainingTime);

    /// <summary>
    /// <c>call:sync</c>: <c>{ ok, call, remainingTime, media, initiator }</c>; no <c>initiator</c> while ringing or away.
    /// </summary>
    public sealed record SyncAck(
        bool Ok,
        CallSnapshot Call,
        int RemainingTime,
        MediaCredentials? Media,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Initiator);

    /// <summary><c>call:renew-token</c>: <c>{ ok, call, media }</c></summary>
    public sealed record RenewAck(bool Ok, CallSnapshot Call, MediaCredentials Media);
}
