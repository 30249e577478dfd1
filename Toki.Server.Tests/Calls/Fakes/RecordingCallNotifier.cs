using System.Text;
using Toki.Calls.Notices;
using Toki.Calls.Ports;
using Toki.Server.Wire;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// Records what the call service sends and every room change, in order, one line each:
/// <c>user bob call:incoming {json}</c>, <c>user bob call:clear-all {json} except s-a1,s-b1</c>,
/// <c>socket s-a1 call:proceed {json}</c>, <c>room &lt;callId&gt; call:started {json}</c>,
/// <c>room-here &lt;callId&gt; call:time-warning {json}</c> (this server's call sockets only), <c>join s-a1 &lt;callId&gt;</c>,
/// <c>leave s-a1 &lt;callId&gt;</c>. Event names and payloads are the gateway's own (<see cref="CallEvents"/>), so every
/// expected line also pins the wire format.
/// </summary>
internal sealed class RecordingCallNotifier : ICallNotifier
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(string CallId, string UserId, string SocketId)> _callSockets = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The lines whose event is <paramref name="eventName"/>.</summary>
    public IReadOnlyList<string> Sent(string eventName) => [.. Lines.Where(line => line.Split(' ')[2] == eventName)];

    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
        }
    }

    public void Notify(NoticeRecipient recipient, CallNotice notice)
    {
        var (eventName, payload) = CallEvents.Encode(notice);
        var json = Encoding.UTF8.GetString(payload.Utf8Json.Span);
        Add(recipient switch
        {
            NoticeRecipient.User { ExceptCallSocketsOf: { } callId } user when CallSocketsOf(callId) is { Length: > 0 } except =>
                $"user {user.UserId} {eventName} {json} except {string.Join(',', except)}",
            NoticeRecipient.User user => $"user {user.UserId} {eventName} {json}",
            NoticeRecipient.Socket socket => $"socket {socket.SocketId} {eventName} {json}",
            // The room of one participant's call socket reaches the socket that joined it last (or nobody: nothing is recorded).
            NoticeRecipient.CallSocket callSocket => CallSocketOf(callSocket.CallId, callSocket.UserId) is { } socketId
                ? $"socket {socketId} {eventName} {json}"
                : null,
            NoticeRecipient.CallSockets call => $"room {call.CallId} {eventName} {json}",
            NoticeRecipient.CallSocketsHere call => $"room-here {call.CallId} {eventName} {json}",
            _ => throw new ArgumentOutOfRangeException(nameof(recipient)),
        });
    }

    public void JoinCallRoom(string socketId, string callId, string userId)
    {
        lock (_gate)
        {
            _callSockets.RemoveAll(entry => entry.CallId == callId && entry.UserId == userId);
            _callSockets.Add((callId, userId, socketId));
        }
        Add($"join {socketId} {callId}");
    }

    public void LeaveCallRoom(string socketId, string callId, string userId)
    {
        lock (_gate)
        {
            _callSockets.Remove((callId, userId, socketId));
        }
        Add($"leave {socketId} {callId}");
    }

    private string? CallSocketOf(string callId, string userId)
    {
        lock (_gate)
        {
            return _callSockets.Where(entry => entry.CallId == callId && entry.UserId == userId).Select(entry => entry.SocketId).FirstOrDefault();
        }
    }

    /// <summary>The call's sockets in the order they first joined (the caller's first, from the request).</summary>
    private string[] CallSocketsOf(string callId)
    {
        lock (_gate)
        {
            return [.. _callSockets.Where(entry => entry.CallId == callId).Select(entry => entry.SocketId)];
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _lines.Add(line);
        }
    }
}
