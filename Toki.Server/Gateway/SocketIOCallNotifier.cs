using Toki.Calls.Notices;
using Toki.Calls.Ports;
using Toki.Server.Wire;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// The call service's notifier over Socket.IO rooms, through the adapter (so on a cluster they reach every server):
/// <c>user:&lt;id&gt;</c> for all tabs of a user, <c>call:&lt;id&gt;</c> for the call sockets of both participants,
/// <c>call:&lt;id&gt;:&lt;userId&gt;</c> for one participant's call socket, and each socket's own room. Rooms also reach a
/// socket that is suspended for connection state recovery, so what it misses is replayed. Each notice is written once
/// (<see cref="CallEvents"/>) and the same bytes go to every recipient. A server only ever moves its own sockets in
/// and out of the call rooms (the call service tells the others to move theirs).
/// </summary>
internal sealed class SocketIOCallNotifier(SocketIONamespace @namespace) : ICallNotifier
{
    public static string UserRoom(string userId) => "user:" + userId;

    public static string CallRoom(string callId) => "call:" + callId;

    public static string CallSocketRoom(string callId, string userId) => "call:" + callId + ":" + userId;

    public void Notify(NoticeRecipient recipient, CallNotice notice)
    {
        var (eventName, payload) = CallEvents.Encode(notice);
        switch (recipient)
        {
            case NoticeRecipient.User user:
                var target = @namespace.To(UserRoom(user.UserId));
                if (user.ExceptCallSocketsOf is { } callId)
                {
                    target = target.Except(CallRoom(callId));
                }
                target.Emit(eventName, payload);
                break;
            case NoticeRecipient.Socket socket:
                ToSocket(socket.SocketId, eventName, payload);
                break;
            case NoticeRecipient.CallSocket callSocket:
                @namespace.To(CallSocketRoom(callSocket.CallId, callSocket.UserId)).Emit(eventName, payload);
                break;
            case NoticeRecipient.CallSockets call:
                @namespace.To(CallRoom(call.CallId)).Emit(eventName, payload);
                break;
            case NoticeRecipient.CallSocketsHere call:
                @namespace.Local.To(CallRoom(call.CallId)).Emit(eventName, payload);
                break;
        }
    }

    /// <summary>The relay hot path: a signalling message, already JSON, to the peer's call socket.</summary>
    public void Relay(string socketId, string eventName, SocketIORawJson message) => ToSocket(socketId, eventName, message);

    /// <summary>A relay to a peer whose call socket is on another server of the cluster.</summary>
    public void RelayToCallSocket(string callId, string userId, string eventName, SocketIORawJson message) =>
        @namespace.To(CallSocketRoom(callId, userId)).Emit(eventName, message);

    public void JoinCallRoom(string socketId, string callId, string userId) =>
        @namespace.Local.To(socketId).SocketsJoin(CallRoom(callId), CallSocketRoom(callId, userId));

    public void LeaveCallRoom(string socketId, string callId, string userId) =>
        @namespace.Local.To(socketId).SocketsLeave(CallRoom(callId), CallSocketRoom(callId, userId));

    private void ToSocket(string socketId, string eventName, SocketIORawJson payload)
    {
        if (@namespace.TryGetSocket(socketId, out var socket))
        {
            socket.Emit(eventName, payload);
        }
        else
        {
            @namespace.To(socketId).Emit(eventName, payload);
        }
    }
}
