using Toki.Calls.Ports;

namespace Toki.Calls.Service;

/// <summary>
/// Each participant's call socket (the one that requested, accepted, rejoined or last synced). Membership of
/// the room <c>call:&lt;id&gt;</c> follows this registry exactly.
/// </summary>
internal sealed class CallSocketRegistry(ICallNotifier notifier)
{
    private readonly Dictionary<(string CallId, string UserId), string> _sockets = [];

    public string? Get(string callId, string userId)
    {
        lock (_sockets)
        {
            return _sockets.TryGetValue((callId, userId), out var socketId) ? socketId : null;
        }
    }

    /// <summary>Makes <paramref name="socketId"/> the user's call socket; returns the socket it replaced, if any.</summary>
    public string? Assign(string callId, string userId, string socketId)
    {
        string? previous;
        lock (_sockets)
        {
            _sockets.TryGetValue((callId, userId), out previous);
            _sockets[(callId, userId)] = socketId;
        }
        if (previous is not null && previous != socketId)
        {
            notifier.LeaveCallRoom(previous, callId);
        }
        notifier.JoinCallRoom(socketId, callId);
        return previous == socketId ? null : previous;
    }

    public void Release(string callId, string userId)
    {
        string? previous;
        lock (_sockets)
        {
            _sockets.Remove((callId, userId), out previous);
        }
        if (previous is not null)
        {
            notifier.LeaveCallRoom(previous, callId);
        }
    }

    public void Disband(string callId, string callerId, string calleeId)
    {
        Release(callId, callerId);
        Release(callId, calleeId);
    }
}
