using System.Text;
using Toki.Calls.Notices;
using Toki.Calls.Ports;
using Toki.Server.Wire;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// Records what the call service sends and every room change, in order, one line each:
/// <c>user bob call:incoming {json}</c>, <c>user bob call:clear-all {json} except s-a1,s-b1</c>,
/// <c>socket s-a1 call:proceed {json}</c>, <c>room &lt;callId&gt; call:started {json}</c>, <c>join s-a1 &lt;callId&gt;</c>,
/// <c>leave s-a1 &lt;callId&gt;</c>. Event names and payloads are the gateway's own (<see cref="CallEvents"/>), so every
/// expected line also pins the wire format.
/// </summary>
internal sealed class RecordingCallNotifier : ICallNotifier
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

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
            NoticeRecipient.User { ExceptSocketIds: { Count: > 0 } except } user => $"user {user.UserId} {eventName} {json} except {string.Join(',', except)}",
            NoticeRecipient.User user => $"user {user.UserId} {eventName} {json}",
            NoticeRecipient.Socket socket => $"socket {socket.SocketId} {eventName} {json}",
            NoticeRecipient.CallSockets call => $"room {call.CallId} {eventName} {json}",
            _ => throw new ArgumentOutOfRangeException(nameof(recipient)),
        });
    }

    public void JoinCallRoom(string socketId, string callId) => Add($"join {socketId} {callId}");

    public void LeaveCallRoom(string socketId, string callId) => Add($"leave {socketId} {callId}");

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }
}
