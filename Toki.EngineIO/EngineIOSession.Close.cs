using System.Net.WebSockets;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

public sealed partial class EngineIOSession
{
    private void CloseCore(EngineCloseReason reason, string? description, EngineCloseMode mode)
    {
        TaskCompletionSource<EngineFrame[]>? poll;
        EngineFrame[]? pollAnswer = null;
        EngineWebSocket? probe;
        EngineWebSocket? writerSocket = null;
        EngineWebSocket? busySocket = null;
        var linger = false;
        IEngineIOSessionHandler? handler;
        lock (_gate)
        {
            if (_state == EngineIOSessionState.Closed)
            {
                return;
            }
            _state = EngineIOSessionState.Closed;
            probe = _probe;
            _probe = null;
            _pollHold?.Dispose();
            _pollHold = null;
            handler = _handler;
            _handler = null;
            poll = _pendingPoll;
            _pendingPoll = null;
            if (mode != EngineCloseMode.Flush)
            {
                _queue.Clear();
            }
            if (_transport == EngineTransportKind.Polling)
            {
                if (mode == EngineCloseMode.ClientClosed)
                {
                    if (poll is not null)
                    {
                        pollAnswer = [EngineFrame.Noop];
                    }
                    else
                    {
                        // A GET sent before the close may reach its handler after it (requests on two connections
                        // run in parallel here, unlike in Node): the session lingers to answer that GET with noop.
                        _queue.EnqueueControl(EngineFrame.Noop);
                        linger = true;
                        _lingering = true;
                        _lingerDeadline = _server.Time.GetTimestamp() + _server.CloseTimeoutTicks;
                    }
                }
                else
                {
                    _queue.EnqueueControl(EngineFrame.Close);
                    if (poll is not null)
                    {
                        pollAnswer = _queue.DrainAll();
                    }
                    linger = _queue.Count > 0 && mode == EngineCloseMode.Flush;
                    if (linger)
                    {
                        _lingering = true;
                        _lingerDeadline = _server.Time.GetTimestamp() + _server.CloseTimeoutTicks;
                    }
                    else
                    {
                        _queue.Clear();
                    }
                }
            }
            else
            {
                _closeStatus ??= WebSocketCloseStatus.NormalClosure;
                if (!_writerActive && _webSocket is not null)
                {
                    _writerActive = true;
                    writerSocket = _webSocket;
                }
                else if (_webSocket is not null)
                {
                    busySocket = _webSocket;
                }
            }
        }

        if (!linger)
        {
            _server.Remove(this);
        }
        poll?.TrySetResult(pollAnswer!);
        if (writerSocket is not null)
        {
            _ = RunWriterAsync(writerSocket);
        }
        else if (busySocket is not null)
        {
            // Frames left to flush may take the close timeout to go out; with the queue discarded only the handshake's bound applies.
            var bound = _server.CloseHandshakeLimit + (mode == EngineCloseMode.Flush ? _server.Options.CloseTimeout : TimeSpan.Zero);
            _ = ReleaseWithinAsync(busySocket, bound);
        }
        if (probe is not null)
        {
            AbortSocket(probe);
        }
        Log.SessionClosed(_server.Logger, Id, reason.ToWireString(), description);
        _server.Metrics.Closed(reason);
        if (handler is not null)
        {
            try
            {
                handler.OnClose(reason, description);
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(_server.Logger, Id, exception);
            }
        }
    }

    /// <summary>
    /// Lets go of the WebSocket of a closed session once its read loop is done with it (the connection is closed or
    /// aborted). The layer above may keep a closed session for minutes (Socket.IO's connection state recovery keeps
    /// the socket, and through it this session): without this, the session would keep Kestrel's connection, its
    /// pipes and whatever is still queued alive with it. A writer still finishing holds its own reference.
    /// </summary>
    private void ForgetTransport(EngineWebSocket socket)
    {
        lock (_gate)
        {
            if (_state != EngineIOSessionState.Closed || !ReferenceEquals(_webSocket, socket))
            {
                return;
            }
            _webSocket = null;
            // Nothing queued can go out on a closed connection any more.
            _queue.Clear();
        }
    }
}
