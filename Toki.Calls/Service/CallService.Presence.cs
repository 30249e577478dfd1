using Toki.Calls.Domain;
using Toki.Calls.Notices;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    /// <summary>
    /// A socket of the user connected (fresh or recovered): any disconnect grace is cancelled, and the
    /// socket is told the user's call state so a refreshed tab can resume.
    /// </summary>
    public async Task OnSocketConnectedAsync(string userId, string socketId, CancellationToken cancellationToken)
    {
        if (_presence.Connected(userId, socketId))
        {
            _cluster?.UserConnected(userId);
        }
        _timers.Schedule(TimerKind.DisconnectGrace, userId, null);
        var live = await _store.FindLiveCallAsync(userId, cancellationToken);
        _notifier.Notify(new NoticeRecipient.Socket(socketId), StateOf(live, userId));
        // A flag left behind (a hand edit, a store restored from backup) is repaired when its user shows up.
        if (live is null && (await _store.GetUserAsync(userId, cancellationToken))?.IsOnCall == true)
        {
            await _store.ClearOnCallIfIdleAsync(userId, cancellationToken);
            Log.StaleOnCallCleared(_logger, userId);
        }
    }

    /// <summary>A socket of the user disconnected; the last one starts the disconnect grace.</summary>
    public void OnSocketDisconnected(string userId, string socketId)
    {
        if (_presence.Disconnected(userId, socketId))
        {
            _cluster?.UserDisconnected(userId);
            _timers.Schedule(TimerKind.DisconnectGrace, userId, _time.GetUtcNow() + _settings.DisconnectGrace);
        }
    }

    /// <summary>Whether the user has a connected socket on this server.</summary>
    public bool IsOnline(string userId) => _presence.IsOnline(userId);

    /// <summary>Whether the user has a connected socket on any server of the cluster.</summary>
    public async Task<bool> IsOnlineAnywhereAsync(string userId, CancellationToken cancellationToken) =>
        _presence.IsOnline(userId) || (_cluster is not null && await _cluster.IsConnectedElsewhereAsync(userId, cancellationToken));

    /// <summary>The users with a connected socket on this server.</summary>
    public IReadOnlyList<string> LocalUserIds => _presence.UserIds();

    /// <summary>The user's live call and whether the user must rejoin (what a socket is told when it connects).</summary>
    public async Task<CallNotice.State> GetStateAsync(string userId, CancellationToken cancellationToken) =>
        StateOf(await _store.FindLiveCallAsync(userId, cancellationToken), userId);

    private CallNotice.State StateOf(CallRecord? call, string userId)
    {
        if (call is null)
        {
            return new CallNotice.State(null, null);
        }
        var now = _time.GetUtcNow();
        var away = call.IsAway(userId);
        var deadline = call.RejoinDeadlines.TryGetValue(userId, out var at) ? at : (DateTimeOffset?)null;
        var canRejoin = away && !call.RejoinedUserIds.Contains(userId) && deadline > now;
        return new CallNotice.State(Snapshot(call), new ParticipantState(away, canRejoin, deadline));
    }

    private async Task OnGraceExpiredAsync(string userId, CancellationToken cancellationToken)
    {
        if (await IsOnlineAnywhereAsync(userId, cancellationToken))
        {
            return;
        }
        var call = await _store.FindLiveCallAsync(userId, cancellationToken);
        if (call is null)
        {
            return;
        }
        Log.UserGone(_logger, userId, call.Id, call.Status.ToWire());
        await ExecuteAsync(call.Id, new CallCommand.UserGone(userId), (_, _) => CallResult.Success(null), needsCallerCoins: false, cancellationToken);
    }
}
