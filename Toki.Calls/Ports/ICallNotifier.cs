using Toki.Calls.Notices;

namespace Toki.Calls.Ports;

/// <summary>How the call service reaches clients; the host's gateway implements it and decides the wire format.</summary>
public interface ICallNotifier
{
    void Notify(NoticeRecipient recipient, CallNotice notice);

    /// <summary>The socket becomes one of the call's call sockets (<see cref="NoticeRecipient.CallSockets"/>).</summary>
    void JoinCallRoom(string socketId, string callId);

    void LeaveCallRoom(string socketId, string callId);
}
