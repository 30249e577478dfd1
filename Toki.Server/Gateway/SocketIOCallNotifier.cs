using Toki.Calls.Notices;
using Toki.Calls.Ports;
using Toki.Server.Wire;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// The call service's notifier over Socket.IO rooms: <c>user:&lt;id&gt;</c> for all tabs of a user,
/// <c>call:&lt;id&gt;</c> for the call sockets, and each socket's own room (which also reaches a socket that is
/// suspended for connection state recovery, so what it misses is replayed). Each notice is written once
/// (<see cref="CallEvents"/>) and the same bytes go to every recipient.
/// </summary>
internal sealed class SocketIOCallNotifier(SocketIONamespace @namespace) : ICallNotifier
{
    public static string UserRoom(string userId) => "user:" + userId;

    public static string CallRoom(string callId) => "call:" + callId;

    public void Notify(NoticeRecipient recipient, CallNotice notice)
    {
        var (eventName, payload) = CallEvents.Encode(notice);
        switch (recipient)
        {
            case NoticeRecipient.User user:
                var target = @namespace.To(UserRoom(user.UserId));
                foreach (var socketId in user.ExceptSocketIds ?? [])
                {
                    target = target.Except(socketId);
                }
                target.Emit(eventName, payload);
                break;
            case NoticeRecipient.Socket socket:
                ToSocket(socket.SocketId, eventName, payload);
                break;
            case NoticeRecipient.CallSockets call:
                @namespace.To(CallRoom(call.CallId)).Emit(eventName, payload);
                break;
        }
    }

    /// <summary>The relay hot path: a signalling message, already JSON, to the peer's call socket.</summary>
    public void Relay(string socketId, string eventName, SocketIORawJson message) => ToSocket(socketId, eventName, message);

    public void JoinCallRoom(string socketId, string callId) => @namespace.To(socketId).SocketsJoin(CallRoom(callId));

    public void LeaveCallRoom(string socketId, string callId) => @namespace.To(socketId).SocketsLeave(CallRoom(callId));

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
