namespace Toki.Calls.Ports;

/// <summary>
/// How the call service of one server reaches the other servers of a cluster (absent on a single server). The
/// store stays the source of truth for calls; what goes through here are hints that keep each server's view fresh
/// (a call changed, a call socket moved, a user connected) and presence, which lives only in the servers' sockets.
/// Publishing never blocks or fails the caller: a hint that is lost leaves a view stale until the next one.
/// </summary>
public interface ICallCluster
{
    /// <summary>Whether the user has a connected socket on another server (false when the others cannot be asked).</summary>
    Task<bool> IsConnectedElsewhereAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's first socket on this server connected.</summary>
    void UserConnected(string userId);

    /// <summary>The user's last socket on this server disconnected.</summary>
    void UserDisconnected(string userId);

    /// <summary>This server committed <paramref name="version"/> of the call.</summary>
    void CallChanged(string callId, long version);

    /// <summary>The user's call socket in the call is now <paramref name="socketId"/> on this server, or none (null).</summary>
    void CallSocketChanged(string callId, string userId, string? socketId);
}
