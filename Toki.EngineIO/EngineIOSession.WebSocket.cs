using System.Net.WebSockets;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

public sealed partial class EngineIOSession
{
    private EngineWebSocket? _webSocket;
    private EngineWebSocket? _probe;
    private bool _writerActive;
    private long _upgradeDeadline;
    private WebSocketCloseStatus? _closeStatus;

    /// <summary>The session's WebSocket while it has one; null on polling, and once a closed session let its connection go.</summary>
    internal EngineWebSocket? CurrentWebSocket
    {
        get { lock (_gate) return _webSocket; }
    }

    /// <summary>
    /// Starts a session opened directly over WebSocket (the open packet is already queued); the task completes when its
    /// connection can be let go.
    /// </summary>
    internal Task RunWebSocketAsync(EngineWebSocket socket)
    {
        FlushAction action;
        TaskCompletionSource<EngineFrame[]>? poll;
        EngineFrame[]? drained;
        EngineWebSocket? writer;
        lock (_gate)
        {
            _webSocket = socket;
            action = PrepareFlushLocked(out poll, out drained, out writer);
        }
        RunFlush(action, poll, drained, writer);
        return ReadLoopAsync(socket);
    }

    /// <summary>Whether a WebSocket for this session may start an upgrade probe (otherwise it is accepted and closed).</summary>
    internal bool CanProbe()
    {
        lock (_gate)
        {
            return _state == EngineIOSessionState.Open && _transport == EngineTransportKind.Polling && _probe is null;
        }
    }

    /// <summary>
    /// Upgrades a polling session: probe, noop to polling, then the upgrade packet. Returns the task of the upgraded
    /// session's reading (complete when the connection can be let go), or null when the upgrade did not happen.
    /// </summary>
    internal async Task<Task?> StartUpgradeAsync(EngineWebSocket socket)
    {
        lock (_gate)
        {
            if (_state != EngineIOSessionState.Open || _transport != EngineTransportKind.Polling || _probe is not null)
            {
                AbortSocket(socket);
                return null;
            }
            _probe = socket;
        }

        try
        {
            if (!await ProbeAsync(socket) || !await AwaitUpgradePacketAsync(socket))
            {
                CancelProbe(socket);
                return null;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            CancelProbe(socket);
            return null;
        }
        return ReadLoopAsync(socket);
    }

    private async Task<bool> ProbeAsync(EngineWebSocket socket)
    {
        using var message = await socket.ReadMessageAsync(_server.Options.MaxPayload);
        if (message.Status != WebSocketReadStatus.Message || message.Type != WebSocketMessageType.Text || !message.Span.SequenceEqual("2probe"u8))
        {
            return false;
        }
        await socket.SendAsync(EngineFrame.PongProbe, endOfBatch: true);
        lock (_gate)
        {
            if (_probe != socket || _state != EngineIOSessionState.Open)
            {
                return false;
            }
            _state = EngineIOSessionState.Upgrading;
            _upgradeDeadline = _server.Time.GetTimestamp() + _server.UpgradeTimeoutTicks;
            if (_pendingPoll is not null)
            {
                HoldPendingPollLocked();
            }
        }
        return true;
    }

    private async Task<bool> AwaitUpgradePacketAsync(EngineWebSocket socket)
    {
        while (true)
        {
            using var message = await socket.ReadMessageAsync(_server.Options.MaxPayload);
            if (message.Status != WebSocketReadStatus.Message || message.Type != WebSocketMessageType.Text)
            {
                return false;
            }
            if (message.Span.SequenceEqual("2probe"u8))
            {
                continue;
            }
            if (!message.Span.SequenceEqual("5"u8))
            {
                return false;
            }
            break;
        }

        TaskCompletionSource<EngineFrame[]>? poll;
        lock (_gate)
        {
            if (_probe != socket || _state != EngineIOSessionState.Upgrading)
            {
                return false;
            }
            _probe = null;
            _state = EngineIOSessionState.Open;
            _transport = EngineTransportKind.WebSocket;
            _webSocket = socket;
            poll = _pendingPoll;
            _pendingPoll = null;
            _writerActive = _queue.Count > 0;
            _pollHold?.Dispose();
            _pollHold = null;
        }
        poll?.TrySetResult(UpgradedWhilePolling);
        Log.Upgraded(_server.Logger, Id);
        if (_writerActive)
        {
            _ = RunWriterAsync(socket);
        }
        return true;
    }

    private void CancelProbe(EngineWebSocket socket)
    {
        lock (_gate)
        {
            if (_probe == socket)
            {
                _probe = null;
                if (_state == EngineIOSessionState.Upgrading)
                {
                    _state = EngineIOSessionState.Open;
                }
            }
        }
        AbortSocket(socket);
    }

    private EngineWebSocket? CancelUpgradeLocked()
    {
        var probe = _probe;
        _probe = null;
        _state = EngineIOSessionState.Open;
        return probe;
    }

    private async Task RunWriterAsync(EngineWebSocket socket)
    {
        try
        {
            while (true)
            {
                EngineFrame frame;
                WebSocketCloseStatus? closeWith = null;
                bool endOfBatch;
                lock (_gate)
                {
                    endOfBatch = _queue.Count <= 1;
                    if (!_queue.TryDequeue(out frame))
                    {
                        _writerActive = false;
                        if (_state != EngineIOSessionState.Closed)
                        {
                            return;
                        }
                        closeWith = _closeStatus ?? WebSocketCloseStatus.NormalClosure;
                    }
                }
                if (closeWith is not null)
                {
                    await CloseSocketAsync(socket, closeWith.Value);
                    return;
                }
                // Frames queued behind this one go out with it, in one flush.
                await socket.SendAsync(frame, endOfBatch);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            lock (_gate)
            {
                _writerActive = false;
            }
            CloseCore(EngineCloseReason.TransportError, "send failed", EngineCloseMode.Discard);
            AbortSocket(socket);
        }
    }

    // The whole closing handshake, our close frame included (its send waits behind whatever the peer has not read),
    // gets one bound; past it the connection is dropped.
    private async Task CloseSocketAsync(EngineWebSocket socket, WebSocketCloseStatus status)
    {
        if (!await CompletesWithinAsync(CloseHandshakeAsync(socket, status), _server.CloseHandshakeLimit))
        {
            Log.CloseHandshakeTimedOut(_server.Logger, Id);
            socket.AbortUnresponsive();
            return;
        }
        AbortSocket(socket);
    }

    private static async Task CloseHandshakeAsync(EngineWebSocket socket, WebSocketCloseStatus status)
    {
        try
        {
            await socket.CloseOutputAsync(status);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            // The peer is already gone; nothing left to tell it.
        }
        await socket.WhenClosed();
    }

    /// <summary>
    /// Backs up a close decided while the writer is busy: a send stuck on a peer that reads nothing would otherwise
    /// hold the connection for good, since the writer only starts the closing handshake once that send is done.
    /// </summary>
    private async Task ReleaseWithinAsync(EngineWebSocket socket, TimeSpan bound)
    {
        if (!await CompletesWithinAsync(socket.WhenClosed(), bound))
        {
            Log.CloseHandshakeTimedOut(_server.Logger, Id);
            socket.AbortUnresponsive();
        }
    }

    /// <summary>Whether <paramref name="task"/> ends within <paramref name="limit"/>; no timer outlives the wait.</summary>
    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit, _server.Time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void AbortSocket(EngineWebSocket socket) => socket.Abort();
}
