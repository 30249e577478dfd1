using Toki.EngineIO.Protocol;

namespace Toki.EngineIO;

/// <summary>GETs during the polling → WebSocket upgrade: held for the upgrade packet, then a noop or a refusal.</summary>
public sealed partial class EngineIOSession
{
    /// <summary>
    /// How long a GET pending while an upgrade is probed is held before its noop, as Node's engine.io answers polls
    /// while upgrading (a check every 100 ms). A client pauses polling before it sends the upgrade packet, so it waits
    /// for that noop; a GET still held when the upgrade packet arrives was sent after it (on another connection, read by
    /// another thread) and is refused like any GET after the upgrade.
    /// </summary>
    private static readonly TimeSpan UpgradePollHold = TimeSpan.FromMilliseconds(100);

    /// <summary>The answer a held GET gets when the upgrade completes: refused, the session is on its WebSocket now.</summary>
    private static readonly EngineFrame[] UpgradedWhilePolling = [];

    private ITimer? _pollHold;

    /// <summary>Answers the pending GET with a noop after <see cref="UpgradePollHold"/>, unless the upgrade ends first.</summary>
    private void HoldPendingPollLocked()
    {
        _pollHold?.Dispose();
        _pollHold = _server.Time.CreateTimer(static state => ((EngineIOSession)state!).ReleaseHeldPoll(), this, UpgradePollHold, Timeout.InfiniteTimeSpan);
    }

    private void ReleaseHeldPoll()
    {
        TaskCompletionSource<EngineFrame[]>? held;
        lock (_gate)
        {
            _pollHold?.Dispose();
            _pollHold = null;
            if (_state != EngineIOSessionState.Upgrading)
            {
                // The upgrade failed (the GET stays an ordinary long-poll) or completed (and answered it).
                return;
            }
            held = _pendingPoll;
            _pendingPoll = null;
        }
        held?.TrySetResult([EngineFrame.Noop]);
    }
}
