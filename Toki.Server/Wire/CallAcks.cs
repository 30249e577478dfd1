using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.SocketIO;

namespace Toki.Server.Wire;

/// <summary>The acknowledgement of a client event: a <see cref="CallResult"/> written as §2 and §3 of protocol.md say.</summary>
internal static class CallAcks
{
    /// <summary>What every relay is acked with: <c>{ ok: true }</c>, one constant.</summary>
    public static SocketIORawJson RelayOk { get; } = SocketIORawJson.FromString("""{"ok":true}""");

    public static SocketIORawJson Encode(CallResult result)
    {
        var json = WireJson.Context;
        return result switch
        {
            CallResult.Failed failed => Failure(failed.Refusal),
            CallResult.Done done => WireJson.Raw(new AckPayloads.CallAck(true, done.Snapshot), json.CallAck),
            CallResult.Rejoined rejoined => WireJson.Raw(
                new AckPayloads.RejoinAck(true, rejoined.Snapshot, rejoined.Media, rejoined.RemainingTime), json.RejoinAck),
            CallResult.Synced synced => WireJson.Raw(
                new AckPayloads.SyncAck(true, synced.Snapshot, synced.RemainingTime, synced.Media, synced.Initiator), json.SyncAck),
            CallResult.Renewed renewed => WireJson.Raw(new AckPayloads.RenewAck(true, renewed.Snapshot, renewed.Media), json.RenewAck),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.GetType().Name, "A result without an ack shape."),
        };
    }

    public static SocketIORawJson Failure(CallError error) =>
        WireJson.Raw(new AckPayloads.FailureAck(false, new WireError(error.Code, error.Message)), WireJson.Context.FailureAck);

    public static SocketIORawJson Failure(string code, string message) => Failure(new CallError(code, message));
}
