using Toki.Calls.Ports;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// The call service's notifier over Socket.IO rooms: <c>user:&lt;id&gt;</c> for all tabs of a user,
/// <c>call:&lt;id&gt;</c> for the call sockets, and each socket's own room (which also reaches a socket that is
/// suspended for connection state recovery, so what it misses is replayed).
/// </summary>
internal sealed class SocketIOCallNotifier(SocketIONamespace @namespace) : ICallNotifier
{
    public static string UserRoom(string userId) => "user:" + userId;

    public static string CallRoom(string callId) => "call:" + callId;

    public void ToUser(string userId, string eventName, object payload, IReadOnlyCollection<string>? exceptSocketIds = null)
    {
        var target = @namespace.To(UserRoom(userId));
        foreach (var socketId in exceptSocketIds ?? [])
        {
            target = target.Except(socketId);
        }
        target.Emit(eventName, payload);
    }

    public void ToSocket(string socketId, string eventName, object payload)
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

    public void ToCallRoom(string callId, string eventName, object payload) => @namespace.To(CallRoom(callId)).Emit(eventName, payload);

    public void JoinCallRoom(string socketId, string callId) => @namespace.To(socketId).SocketsJoin(CallRoom(callId));

    public void LeaveCallRoom(string socketId, string callId) => @namespace.To(socketId).SocketsLeave(CallRoom(callId));
}
