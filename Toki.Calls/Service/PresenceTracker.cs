namespace Toki.Calls.Service;

/// <summary>
/// Which users have at least one connected socket, and which sockets. A user's sockets are kept as the one socket
/// id itself, the common case, or as a set once there are several (more tabs, more devices).
/// </summary>
internal sealed class PresenceTracker
{
    private readonly Dictionary<string, object> _sockets = new(StringComparer.Ordinal);

    /// <summary>Records a socket; true when the user was offline before.</summary>
    public bool Connected(string userId, string socketId)
    {
        lock (_sockets)
        {
            switch (_sockets.GetValueOrDefault(userId))
            {
                case null:
                    _sockets[userId] = socketId;
                    return true;
                case string single when single != socketId:
                    _sockets[userId] = new HashSet<string>(StringComparer.Ordinal) { single, socketId };
                    return false;
                case HashSet<string> set:
                    set.Add(socketId);
                    return false;
                default:
                    return false;
            }
        }
    }

    /// <summary>Forgets a socket; true when it was the user's last one.</summary>
    public bool Disconnected(string userId, string socketId)
    {
        lock (_sockets)
        {
            switch (_sockets.GetValueOrDefault(userId))
            {
                case string single when single == socketId:
                    _sockets.Remove(userId);
                    return true;
                case HashSet<string> set when set.Remove(socketId):
                    if (set.Count == 1)
                    {
                        _sockets[userId] = set.First();
                    }
                    return false;
                default:
                    return false;
            }
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
            return _sockets.GetValueOrDefault(userId) switch
            {
                string single => single == socketId,
                HashSet<string> set => set.Contains(socketId),
                _ => false,
            };
        }
    }

    public IReadOnlyList<string> UserIds()
    {
        lock (_sockets)
        {
            return [.. _sockets.Keys];
        }
    }
}
