using Microsoft.Extensions.Options;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Wire;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// Connects the call service to Socket.IO: authenticates sockets, keeps presence, and turns each client
/// event into a service call whose result goes back through the acknowledgement. Every handler answers; no
/// input reaches the service unchecked.
/// </summary>
internal sealed partial class CallGateway(CallService calls, SocketAuthenticator authenticator, SocketIOCallNotifier notifier, ILogger<CallGateway> logger)
{
    /// <summary>The signalling events relayed unchanged (but for <c>from</c>) to the other participant.</summary>
    public static readonly string[] RelayEvents = ["call:signal", "call:offer", "call:answer", "call:ice", "call:media"];

    public void Register(SocketIONamespace main)
    {
        main.Use(authenticator.AuthenticateAsync);
        main.OnConnection(OnConnectedAsync);
        main.OnDisconnect(OnDisconnected);

        main.On("call:request", context => Act(context, optional: false, (session, payload, ct) =>
        {
            if (payload.RequiredId("calleeId", out var calleeId) is { } badCallee)
            {
                return Task.FromResult(CallResult.Failure(badCallee));
            }
            if (payload.CallType(out var type) is { } badType)
            {
                return Task.FromResult(CallResult.Failure(badType));
            }
            return calls.RequestAsync(session.UserId, context.Socket.Id, calleeId, type, ct);
        }));
        main.On("call:accept", context => OnCallCommand(context, (user, socket, _) => new CallCommand.Accept(user, socket)));
        main.On("call:reject", context => OnCallCommand(context, (user, _, _) => new CallCommand.Reject(user)));
        main.On("call:cancel", context => OnCallCommand(context, (user, _, _) => new CallCommand.Cancel(user)));
        main.On("call:joined", context => OnCallCommand(context, (user, _, _) => new CallCommand.Joined(user)));
        main.On("call:end", OnEnd);
        main.On("call:ended", OnEnd);
        main.On("call:rejoin", context => Act(context, optional: false, (session, payload, ct) =>
            payload.RequiredId("callId", out var callId) is { } error
                ? Task.FromResult(CallResult.Failure(error))
                : calls.RejoinAsync(session.UserId, context.Socket.Id, callId, ct)));
        main.On("call:sync", context => Act(context, optional: true, (session, payload, ct) =>
            payload.OptionalId("callId", out var callId) is { } error
                ? Task.FromResult(CallResult.Failure(error))
                : calls.SyncAsync(session.UserId, context.Socket.Id, callId, ct)));
        main.On("call:clear-all", context => Act(context, optional: true, (session, _, ct) => calls.ClearAllAsync(session.UserId, ct)));
        main.On("call:renew-token", context => Act(context, optional: false, (session, payload, ct) =>
            payload.RequiredId("callId", out var callId) is { } error
                ? Task.FromResult(CallResult.Failure(error))
                : calls.RenewMediaAsync(session.UserId, callId, ct)));
        foreach (var relay in RelayEvents)
        {
            main.On(relay, OnRelay);
        }
        main.OnUnhandledEvent(OnUnknownEvent);
    }

    private async ValueTask OnConnectedAsync(SocketIOSocket socket)
    {
        if (socket.Data is not CallSocketSession session)
        {
            return;
        }
        socket.Join(session.UserRoom);
        await calls.OnSocketConnectedAsync(session.UserId, socket.Id, CancellationToken.None);
    }

    private void OnDisconnected(SocketIOSocket socket, string reason)
    {
        if (socket.Data is CallSocketSession session)
        {
            calls.OnSocketDisconnected(session.UserId, socket.Id);
        }
    }

    private ValueTask OnEnd(SocketIOEventContext context) => Act(context, optional: false, (session, payload, ct) =>
    {
        if (payload.RequiredId("callId", out var callId) is { } badCallId)
        {
            return Task.FromResult(CallResult.Failure(badCallId));
        }
        if (payload.OptionalBool("permanent", out var permanent) is { } badPermanent)
        {
            return Task.FromResult(CallResult.Failure(badPermanent));
        }
        return calls.CommandAsync(callId, new CallCommand.End(session.UserId, permanent), ct);
    });

    private ValueTask OnCallCommand(SocketIOEventContext context, Func<string, string, string, CallCommand> command) =>
        Act(context, optional: false, (session, payload, ct) =>
            payload.RequiredId("callId", out var callId) is { } error
                ? Task.FromResult(CallResult.Failure(error))
                : calls.CommandAsync(callId, command(session.UserId, context.Socket.Id, callId), ct));

    private ValueTask OnUnknownEvent(SocketIOEventContext context)
    {
        if (context.HasAck)
        {
            context.Ack(CallAcks.Failure(CallErrorCode.UnknownEvent, $"Unknown event '{Truncate(context.EventName)}'."));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The common path of every action: identity, size, rate limit, payload, then the service; always acked.</summary>
    private async ValueTask Act(SocketIOEventContext context, bool optional, Func<CallSocketSession, EventPayload, CancellationToken, Task<CallResult>> action)
    {
        if (Precheck(context, relay: false) is { } refusal)
        {
            context.Ack(CallAcks.Failure(refusal));
            return;
        }
        var session = (CallSocketSession)context.Socket.Data!;
        if (EventPayload.TryRead(context.Args, optional, out var payload) is { } invalid)
        {
            context.Ack(CallAcks.Failure(invalid));
            return;
        }
        CallResult ack;
        try
        {
            ack = await action(session, payload, CancellationToken.None);
        }
        catch (CallStoreUnavailableException exception)
        {
            Log.StoreUnavailable(logger, context.EventName, session.UserId, exception);
            ack = CallResult.Failure(CallErrorCode.Internal, "The call store is temporarily unavailable; try again.");
        }
        catch (Exception exception)
        {
            Log.ActionFailed(logger, context.EventName, session.UserId, exception);
            ack = CallResult.Failure(CallErrorCode.Internal, "Something went wrong on the server.");
        }
        context.Ack(CallAcks.Encode(ack));
    }

    private CallError? Precheck(SocketIOEventContext context, bool relay)
    {
        if (context.Socket.Data is not CallSocketSession session)
        {
            return new CallError(CallErrorCode.Internal, "The socket is not authenticated.");
        }
        if (ArgumentBytes(context.Args) > calls.Settings.MaxEventPayloadBytes)
        {
            return new CallError(CallErrorCode.PayloadTooLarge, $"Event payloads are limited to {calls.Settings.MaxEventPayloadBytes} bytes.");
        }
        if (!(relay ? session.TryRelay() : session.TryAct()))
        {
            return new CallError(CallErrorCode.RateLimited, "Too many events; slow down.");
        }
        return null;
    }

    /// <summary>
    /// What the event limit counts: each argument's JSON as received (a binary value as its placeholder) plus the
    /// bytes of every attachment. The event name, the ack id and the separators are not arguments.
    /// </summary>
    internal static long ArgumentBytes(SocketIOArgs args)
    {
        long total = 0;
        for (var i = 0; i < args.Count; i++)
        {
            total += args.GetRawJson(i).Length;
        }
        foreach (var attachment in args.Attachments)
        {
            total += attachment.Length;
        }
        return total;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
