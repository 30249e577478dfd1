using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Wire;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

internal sealed partial class CallGateway
{
    /// <summary>
    /// The hot path: routed from memory, copied verbatim (binary values as attachments) to the peer's call socket
    /// with <c>from</c> set by the server, acked with a constant <c>{ ok: true }</c>. Only failures touch the store
    /// (to tell the error apart).
    /// </summary>
    private ValueTask OnRelay(SocketIOEventContext context)
    {
        if (Precheck(context, relay: true) is { } refusal)
        {
            context.Ack(CallAcks.Failure(refusal));
            return ValueTask.CompletedTask;
        }
        var session = (CallSocketSession)context.Socket.Data!;
        if (EventPayload.TryRead(context.Args, optional: false, out var payload) is { } notObject)
        {
            context.Ack(CallAcks.Failure(notObject));
            return ValueTask.CompletedTask;
        }
        if (payload.RequiredId("callId", out var callId) is { } badCallId)
        {
            context.Ack(CallAcks.Failure(badCallId));
            return ValueTask.CompletedTask;
        }
        if (!RelayMessageWriter.TryWrite(payload.Object, context.Args.Attachments, session.EncodedUserId, out var relayed))
        {
            context.Ack(CallAcks.Failure(CallErrorCode.InvalidPayload, "A binary placeholder names no attachment of the packet."));
            return ValueTask.CompletedTask;
        }

        var route = calls.ResolveRelay(callId, session.UserId);
        if (!route.Allowed)
        {
            if (calls.IsClustered)
            {
                return RelayFromStoreAsync(context, callId, session.UserId, relayed);
            }
            return route.ErrorCode is { } code ? AckRelayError(context, code) : AckMissingCallAsync(context, callId, session.UserId);
        }
        Deliver(context, callId, route, relayed);
        return ValueTask.CompletedTask;
    }

    private void Deliver(SocketIOEventContext context, string callId, RelayRoute route, SocketIORawJson relayed)
    {
        if (route.PeerSocketId is { } peer)
        {
            notifier.Relay(peer, context.EventName, relayed);
        }
        else if (route.PeerUserId is { } peerUserId)
        {
            notifier.RelayToCallSocket(callId, peerUserId, context.EventName, relayed);
        }
        if (context.HasAck)
        {
            context.Ack(CallAcks.RelayOk);
        }
    }

    /// <summary>On a cluster, a relay the cached call refused is decided again on the stored call (it may have changed on another server).</summary>
    private async ValueTask RelayFromStoreAsync(SocketIOEventContext context, string callId, string userId, SocketIORawJson relayed)
    {
        RelayRoute route;
        try
        {
            route = await calls.ResolveRelayFromStoreAsync(callId, userId, CancellationToken.None);
        }
        catch (CallStoreUnavailableException exception)
        {
            Log.StoreUnavailable(logger, context.EventName, userId, exception);
            context.Ack(CallAcks.Failure(CallErrorCode.Internal, "The call store is temporarily unavailable; try again."));
            return;
        }
        if (route.Allowed)
        {
            Deliver(context, callId, route, relayed);
        }
        else if (route.ErrorCode is { } code)
        {
            await AckRelayError(context, code);
        }
        else
        {
            await AckMissingCallAsync(context, callId, userId);
        }
    }

    private static ValueTask AckRelayError(SocketIOEventContext context, string code)
    {
        var message = code switch
        {
            CallErrorCode.NotParticipant => "You are not a participant of this call.",
            CallErrorCode.InvalidState => "Signalling starts once the call is accepted.",
            _ => "The relay was refused.",
        };
        context.Ack(CallAcks.Failure(code, message));
        return ValueTask.CompletedTask;
    }

    private async ValueTask AckMissingCallAsync(SocketIOEventContext context, string callId, string userId)
    {
        string code;
        try
        {
            code = await calls.ExplainMissingCallAsync(callId, userId, CancellationToken.None);
        }
        catch (CallStoreUnavailableException exception)
        {
            Log.StoreUnavailable(logger, context.EventName, userId, exception);
            context.Ack(CallAcks.Failure(CallErrorCode.Internal, "The call store is temporarily unavailable; try again."));
            return;
        }
        var message = code switch
        {
            CallErrorCode.CallNotFound => "No call with that id.",
            CallErrorCode.CallEnded => "The call has already ended.",
            _ => "You are not a participant of this call.",
        };
        context.Ack(CallAcks.Failure(code, message));
    }

    private static partial class Log
    {
        [LoggerMessage(410, LogLevel.Warning, "{Event} from user {UserId} failed: the store is unavailable.", EventName = "StoreUnavailable")]
        public static partial void StoreUnavailable(ILogger logger, string @event, string userId, Exception exception);

        [LoggerMessage(411, LogLevel.Error, "{Event} from user {UserId} failed.", EventName = "ActionFailed")]
        public static partial void ActionFailed(ILogger logger, string @event, string userId, Exception exception);
    }
}
