using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

/// <summary>
/// One Engine.IO session: its transport, its bounded send queue and its heartbeat deadlines (timestamps,
/// checked by <see cref="Tick"/>). All mutable state is guarded by one lock; handler callbacks, socket I/O and
/// task completions always run outside it.
/// </summary>
public sealed partial class EngineIOSession
{
    private readonly Lock _gate = new();
    private readonly EngineIOServer _server;
    private readonly SendQueue _queue;
    private IEngineIOSessionHandler? _handler;
    private EngineIOSessionState _state;
    private EngineTransportKind _transport;
    private long _nextPingAt;
    private long _pongDeadline;
    private bool _awaitingPong;
    private long _lingerDeadline;
    private bool _lingering;

    internal EngineIOSession(EngineIOServer server, string id, EngineHandshake handshake, EngineTransportKind transport, long now)
    {
        _server = server;
        Id = id;
        Handshake = handshake;
        _transport = transport;
        _queue = new SendQueue(server.Options.MaxQueuedFrames, server.Options.MaxQueuedBytes);
        _nextPingAt = now + server.PingIntervalTicks;
    }

    public string Id { get; }

    public EngineHandshake Handshake { get; }

    public EngineTransportKind Transport
    {
        get { lock (_gate) return _transport; }
    }

    public bool IsOpen
    {
        get { lock (_gate) return _state != EngineIOSessionState.Closed; }
    }

    internal void AttachHandler(IEngineIOSessionHandler handler) => _handler = handler;

    /// <summary>Queues one frame; false once the session is closed (or just closed for exceeding the send bounds).</summary>
    public bool Send(EngineFrame frame) => Send(new ReadOnlySpan<EngineFrame>(in frame));

    /// <summary>Queues frames that must go out together and in order (a packet and its binary attachments).</summary>
    public bool Send(ReadOnlySpan<EngineFrame> frames)
    {
        FlushAction action;
        TaskCompletionSource<EngineFrame[]>? poll;
        EngineFrame[]? drained;
        EngineWebSocket? socket;
        lock (_gate)
        {
            if (_state == EngineIOSessionState.Closed)
            {
                return false;
            }
            if (!_queue.TryEnqueue(frames))
            {
                action = FlushAction.Overflow;
                poll = null;
                drained = null;
                socket = null;
            }
            else
            {
                action = PrepareFlushLocked(out poll, out drained, out socket);
            }
        }
        if (action == FlushAction.Overflow)
        {
            Log.SendBufferFull(_server.Logger, Id, _queue.Count, _queue.Bytes);
            CloseCore(EngineCloseReason.TransportError, "send buffer full", EngineCloseMode.Discard);
            return false;
        }
        RunFlush(action, poll, drained, socket);
        return true;
    }

    /// <summary>Closes the session after flushing what is already queued; the handler sees <see cref="EngineCloseReason.ForcedClose"/>.</summary>
    public void Close() => CloseCore(EngineCloseReason.ForcedClose, null, EngineCloseMode.Flush);

    /// <summary>Closes the session with a reason chosen by the layer above (for example a parse error).</summary>
    public void Close(EngineCloseReason reason, string? description, bool flush) =>
        CloseCore(reason, description, flush ? EngineCloseMode.Flush : EngineCloseMode.Discard);

    /// <summary>Checks the heartbeat, upgrade and linger deadlines against <paramref name="now"/> (a TimeProvider timestamp).</summary>
    internal void Tick(long now)
    {
        var timedOut = false;
        var finishLinger = false;
        EngineWebSocket? cancelledProbe = null;
        var action = FlushAction.None;
        TaskCompletionSource<EngineFrame[]>? poll = null;
        EngineFrame[]? drained = null;
        EngineWebSocket? socket = null;
        lock (_gate)
        {
            if (_state == EngineIOSessionState.Closed)
            {
                finishLinger = _lingering && now >= _lingerDeadline;
                _lingering &= !finishLinger;
            }
            else
            {
                if (_awaitingPong)
                {
                    timedOut = now >= _pongDeadline;
                }
                else if (now >= _nextPingAt)
                {
                    _queue.EnqueueControl(EngineFrame.Ping);
                    _awaitingPong = true;
                    // From the scheduled time, not the tick that noticed it, so the timeout never fires late.
                    _pongDeadline = _nextPingAt + _server.PingTimeoutTicks;
                    action = PrepareFlushLocked(out poll, out drained, out socket);
                }
                if (_state == EngineIOSessionState.Upgrading && now >= _upgradeDeadline)
                {
                    cancelledProbe = CancelUpgradeLocked();
                }
            }
        }
        if (finishLinger)
        {
            _server.Remove(this);
            return;
        }
        if (timedOut)
        {
            CloseCore(EngineCloseReason.PingTimeout, null, EngineCloseMode.Discard);
            return;
        }
        RunFlush(action, poll, drained, socket);
        if (cancelledProbe is not null)
        {
            Log.UpgradeTimedOut(_server.Logger, Id);
            AbortSocket(cancelledProbe);
        }
    }

    private void OnPong()
    {
        lock (_gate)
        {
            if (_awaitingPong)
            {
                _awaitingPong = false;
                _nextPingAt = _server.Time.GetTimestamp() + _server.PingIntervalTicks;
                // A heartbeat round trip is done: an idle session gives its send buffer back until it sends again.
                _queue.ReleaseIfEmpty();
            }
        }
    }

    private FlushAction PrepareFlushLocked(out TaskCompletionSource<EngineFrame[]>? poll, out EngineFrame[]? drained, out EngineWebSocket? socket)
    {
        poll = null;
        drained = null;
        socket = null;
        if (_transport == EngineTransportKind.WebSocket)
        {
            if (_writerActive || _webSocket is null)
            {
                return FlushAction.None;
            }
            _writerActive = true;
            socket = _webSocket;
            return FlushAction.StartWriter;
        }
        if (_state != EngineIOSessionState.Open || _pendingPoll is null || _queue.Count == 0)
        {
            return FlushAction.None;
        }
        poll = _pendingPoll;
        _pendingPoll = null;
        drained = _queue.DrainAll();
        return FlushAction.CompletePoll;
    }

    private void RunFlush(FlushAction action, TaskCompletionSource<EngineFrame[]>? poll, EngineFrame[]? drained, EngineWebSocket? socket)
    {
        switch (action)
        {
            case FlushAction.StartWriter:
                _ = RunWriterAsync(socket!);
                break;
            case FlushAction.CompletePoll:
                poll!.TrySetResult(drained!);
                break;
        }
    }

    /// <summary>Handles one text packet from either transport; false when the session closed because of it.</summary>
    private bool DispatchText(ReadOnlySpan<byte> packet)
    {
        if (PollingPayloadDecoder.DecodeText(packet, out var type) != EngineDecodeError.None)
        {
            CloseCore(EngineCloseReason.ParseError, "invalid packet", EngineCloseMode.Discard);
            return false;
        }
        return Dispatch(type, packet[1..]);
    }

    private bool Dispatch(EnginePacketType type, ReadOnlySpan<byte> data)
    {
        switch (type)
        {
            case EnginePacketType.Message:
                return InvokeHandler(data, binary: false);
            case EnginePacketType.Pong:
                OnPong();
                return true;
            case EnginePacketType.Close:
                CloseCore(EngineCloseReason.TransportClose, "close packet", EngineCloseMode.ClientClosed);
                return false;
            case EnginePacketType.Ping:
                // In v4 only the server pings; the reference server treats a client ping as an error.
                CloseCore(EngineCloseReason.TransportError, "invalid heartbeat direction", EngineCloseMode.Discard);
                return false;
            default:
                return true;
        }
    }

    private bool InvokeHandler(ReadOnlySpan<byte> data, bool binary)
    {
        var handler = _handler;
        if (handler is null)
        {
            return false;
        }
        try
        {
            if (binary)
            {
                handler.OnBinaryMessage(data);
            }
            else
            {
                handler.OnMessage(data);
            }
            return true;
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(_server.Logger, Id, exception);
            CloseCore(EngineCloseReason.TransportError, "handler failed", EngineCloseMode.Discard);
            return false;
        }
    }

    private enum FlushAction
    {
        None,
        StartWriter,
        CompletePoll,
        Overflow,
    }
}
