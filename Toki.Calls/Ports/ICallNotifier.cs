using Toki.Calls.Notices;

namespace Toki.Calls.Ports;

/// <summary>How the call service reaches clients; the host's gateway implements it and decides the wire format.</summary>
public interface ICallNotifier
{
    void Notify(NoticeRecipient recipient, CallNotice notice);

    /// <summary>
    /// A socket of this server becomes <paramref name="userId"/>'s call socket in the call (<see cref="NoticeRecipient.CallSocket"/>,
    /// <see cref="NoticeRecipient.CallSockets"/>).
    /// </summary>
    void JoinCallRoom(string socketId, string callId, string userId);

    /// <summary>A socket of this server stops being <paramref name="userId"/>'s call socket in the call.</summary>
    void LeaveCallRoom(string socketId, string callId, string userId);
}
