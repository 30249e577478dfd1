namespace Toki.Calls.Service;

/// <summary>Which users have at least one connected socket, and which sockets.</summary>
internal sealed class PresenceTracker
{
    private readonly Dictionary<string, HashSet<string>> _sockets = new(StringComparer.Ordinal);

    /// <summary>Records a socket; true when the user was offline before.</summary>
    public bool Connected(string userId, string socketId)
    {
        lock (_sockets)
        {
            if (!_sockets.TryGetValue(userId, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _sockets[userId] = set;
            }
            var wasOffline = set.Count == 0;
            set.Add(socketId);
            return wasOffline;
        }
    }

    /// <summary>Forgets a socket; true when it was the user's last one.</summary>
    public bool Disconnected(string userId, string socketId)
    {
        lock (_sockets)
        {
            if (!_sockets.TryGetValue(userId, out var set) || !set.Remove(socketId))
            {
                return false;
            }
            if (set.Count > 0)
            {
                return false;
            }
            _sockets.Remove(userId);
            return true;
        }
    }

    public bool IsOnline(string userId)
    {
        lock (_sockets)
        {
            return _sockets.ContainsKey(userId);
        }
    }

    public bool IsConnected(string userId, string socketId)
    {
        lock (_sockets)
        {
            return _sockets.TryGetValue(userId, out var set) && set.Contains(socketId);
        }
    }
}
