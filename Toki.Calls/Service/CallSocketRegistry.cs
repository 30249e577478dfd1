using Toki.Calls.Ports;

namespace Toki.Calls.Service;

/// <summary>
/// Each participant's call socket (the one that requested, accepted, rejoined or last synced) as far as this server
/// holds it: only sockets of this server are kept. A call socket on another server is reached through its room; when
/// a call socket changes here, the other servers are told (<see cref="ICallCluster.CallSocketChanged"/>) and drop theirs.
/// Membership of the rooms <c>call:&lt;id&gt;</c> follows this registry exactly.
/// </summary>
internal sealed class CallSocketRegistry(ICallNotifier notifier, ICallCluster? cluster)
{
    private readonly Dictionary<(string CallId, string UserId), string> _sockets = [];

    /// <summary>The user's call socket if it is on this server.</summary>
    public string? Get(string callId, string userId)
    {
        lock (_sockets)
        {
            return _sockets.TryGetValue((callId, userId), out var socketId) ? socketId : null;
        }
    }

    /// <summary>Makes <paramref name="socketId"/> (a socket of this server) the user's call socket.</summary>
    public void Assign(string callId, string userId, string socketId)
    {
        string? previous;
        lock (_sockets)
        {
            _sockets.TryGetValue((callId, userId), out previous);
            _sockets[(callId, userId)] = socketId;
        }
        if (previous is not null && previous != socketId)
        {
            notifier.LeaveCallRoom(previous, callId, userId);
        }
        notifier.JoinCallRoom(socketId, callId, userId);
        cluster?.CallSocketChanged(callId, userId, socketId);
    }

    public void Release(string callId, string userId)
    {
        ReleaseLocal(callId, userId, keep: null);
        cluster?.CallSocketChanged(callId, userId, null);
    }

    public void Disband(string callId, string callerId, string calleeId)
    {
        Release(callId, callerId);
        Release(callId, calleeId);
    }

    /// <summary>Another server made <paramref name="socketId"/> the user's call socket (or released it): this server's one leaves.</summary>
    public void OnChangedElsewhere(string callId, string userId, string? socketId) => ReleaseLocal(callId, userId, keep: socketId);

    /// <summary>Forgets the calls' sockets of this server without telling anyone (the calls ended elsewhere).</summary>
    public void ForgetCall(string callId, string callerId, string calleeId)
    {
        ReleaseLocal(callId, callerId, keep: null);
        ReleaseLocal(callId, calleeId, keep: null);
    }

    private void ReleaseLocal(string callId, string userId, string? keep)
    {
        string? previous;
        lock (_sockets)
        {
            if (!_sockets.TryGetValue((callId, userId), out previous) || previous == keep)
            {
                return;
            }
            _sockets.Remove((callId, userId));
        }
        notifier.LeaveCallRoom(previous, callId, userId);
    }
}
