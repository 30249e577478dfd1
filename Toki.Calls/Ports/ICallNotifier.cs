namespace Toki.Calls.Ports;

/// <summary>How the call service reaches clients; the Socket.IO gateway implements it.</summary>
public interface ICallNotifier
{
    /// <summary>To every socket of the user (the room <c>user:&lt;id&gt;</c>), except the given sockets.</summary>
    void ToUser(string userId, string eventName, object payload, IReadOnlyCollection<string>? exceptSocketIds = null);

    void ToSocket(string socketId, string eventName, object payload);

    void JoinCallRoom(string socketId, string callId);

    void LeaveCallRoom(string socketId, string callId);

    /// <summary>To every socket in <c>call:&lt;id&gt;</c> (the participants' call sockets).</summary>
    void ToCallRoom(string callId, string eventName, object payload);
}
