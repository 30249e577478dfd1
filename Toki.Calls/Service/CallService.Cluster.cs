using Microsoft.Extensions.Logging;
using Toki.Calls.Domain;

namespace Toki.Calls.Service;

/// <summary>
/// What a server of a cluster does when another one tells it something (<see cref="Ports.ICallCluster"/>). Each hint
/// only refreshes this server's view from the store or its own sockets; no decision is taken on a hint alone.
/// </summary>
public sealed partial class CallService
{
    /// <summary>Another server committed <paramref name="version"/> of the call: the cached copy is refreshed from the store.</summary>
    public async Task OnCallChangedElsewhereAsync(string callId, long version, CancellationToken cancellationToken)
    {
        if (_liveCalls.TryGetValue(callId, out var cached) && cached.Version >= version)
        {
            return;
        }
        if (await _store.GetCallAsync(callId, cancellationToken) is { } stored)
        {
            await RefreshAsync(stored, cancellationToken);
        }
    }

    /// <summary>Another server made another socket the user's call socket (or released it): this server's one leaves.</summary>
    public void OnCallSocketChangedElsewhere(string callId, string userId, string? socketId) =>
        _callSockets.OnChangedElsewhere(callId, userId, socketId);

    /// <summary>The user connected on another server: a disconnect grace running here for the user is over.</summary>
    public void OnUserConnectedElsewhere(string userId)
    {
        if (_timers.DueAt(TimerKind.DisconnectGrace, userId) is not null)
        {
            _timers.Schedule(TimerKind.DisconnectGrace, userId, null);
            Log.GraceCancelledElsewhere(_logger, userId);
        }
    }

    /// <summary>
    /// The lease of a server that had sockets of <paramref name="userIds"/> expired at <paramref name="expiredAt"/> (it died
    /// without running its disconnect handlers): each of those users counts as disconnected at that moment, so the usual
    /// disconnect grace runs from then, and at its end the user is gone unless connected on some server.
    /// </summary>
    public void OnServerLost(string serverId, IReadOnlyCollection<string> userIds, DateTimeOffset expiredAt)
    {
        var due = expiredAt + _settings.DisconnectGrace;
        foreach (var userId in userIds)
        {
            if (_presence.IsOnline(userId))
            {
                continue;
            }
            if (_timers.DueAt(TimerKind.DisconnectGrace, userId) is not { } armed || armed > due)
            {
                _timers.Schedule(TimerKind.DisconnectGrace, userId, due);
            }
        }
        Log.ServerLost(_logger, serverId, userIds.Count, expiredAt);
    }

    /// <summary>Puts the stored call into the cache (under the call's lock, so it never overtakes a commit of this server).</summary>
    private async Task RefreshAsync(CallRecord stored, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(stored.Id, cancellationToken);
        if (_liveCalls.TryGetValue(stored.Id, out var cached) && cached.Version >= stored.Version)
        {
            return;
        }
        // Every server that knows the call arms its deadlines too, so they take effect even if the committing server dies
        // (the store's compare-and-set lets one of them act), and its time warning, which each server sends to its own sockets.
        Follow(stored);
    }

    /// <summary>Keeps the newest version of a live call in the cache (the relay path reads it), and drops a call that is over.</summary>
    private void CacheLive(CallRecord call)
    {
        if (call.Status.IsTerminal())
        {
            _liveCalls.TryRemove(call.Id, out _);
            _resyncs.TryRemove((call.Id, call.CallerId), out _);
            _resyncs.TryRemove((call.Id, call.CalleeId), out _);
            return;
        }
        _liveCalls.AddOrUpdate(call.Id, call, (_, cached) => cached.Version > call.Version ? cached : call);
    }

    private static partial class Log
    {
        [LoggerMessage(340, LogLevel.Warning, "Server {ServerId} lost its lease at {ExpiredAt}: its {Users} users count as disconnected from then.", EventName = "ServerLost")]
        public static partial void ServerLost(ILogger logger, string serverId, int users, DateTimeOffset expiredAt);

        [LoggerMessage(341, LogLevel.Debug, "User {UserId} connected on another server: the disconnect grace here is cancelled.", EventName = "GraceCancelledElsewhere")]
        public static partial void GraceCancelledElsewhere(ILogger logger, string userId);
    }
}
