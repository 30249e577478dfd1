using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

public sealed partial class SocketIOSocket
{
    internal SocketIOConnection Connection
    {
        get { lock (_gate) return _connection; }
    }

    /// <summary>Answers the CONNECT and starts delivering; replays <paramref name="missed"/> first when recovering.</summary>
    internal void Activate(IReadOnlyList<OutboundPacket>? missed)
    {
        lock (_gate)
        {
            _state = SocketIOSocketState.Connected;
            _connection.Session.Send(SocketIOPacketEncoder.EncodeConnect(Namespace.Name, Id, Pid));
            foreach (var packet in missed ?? [])
            {
                packet.SendTo(_connection.Session);
            }
        }
        SaveSession();
    }

    /// <summary>The connection under this socket closed: suspend it for recovery when allowed, otherwise finish it.</summary>
    internal void OnConnectionClosed(string reason)
    {
        if (Pid is not null && SocketIODisconnectReason.IsRecoverable(reason))
        {
            List<Action<SocketIOSocket, string>>? handlers;
            AckTable? acks;
            lock (_gate)
            {
                if (_state != SocketIOSocketState.Connected)
                {
                    return;
                }
                _state = SocketIOSocketState.Suspended;
                _suspendedAt = Namespace.Server.Time.GetTimestamp();
                handlers = _disconnectHandlers;
                acks = _acks;
            }
            acks?.FailAll(reason);
            Namespace.Suspend(this);
            SaveSession();
            Notify(handlers, reason);
            return;
        }
        Finish(reason, sendDisconnect: false);
    }

    /// <summary>
    /// Takes a suspended socket over for a new connection if the client's offset is known to the history;
    /// per-socket handlers are cleared so the connection handlers can register them again.
    /// </summary>
    internal bool TryResume(SocketIOConnection connection, string? offset, out IReadOnlyList<OutboundPacket>? missed)
    {
        lock (_gate)
        {
            missed = null;
            if (_state != SocketIOSocketState.Suspended || IsExpiredLocked(Namespace.Server.Time.GetTimestamp()))
            {
                return false;
            }
            missed = _history is null ? (offset is null ? [] : null) : _history.After(offset);
            if (missed is null)
            {
                return false;
            }
            _connection = connection;
            // The history stays: a second or third drop must still find the client's last offset in it.
            _state = SocketIOSocketState.Connecting;
            _handlers = null;
            _disconnectHandlers = null;
            Recovered = true;
            return true;
        }
    }

    /// <summary>
    /// Marks a socket as recovered: a stand-in for a suspended session, or a socket recreated from a session another
    /// server saved, from the moment the middlewares judge its recovery.
    /// </summary>
    internal void MarkRecovering() => Recovered = true;

    internal bool IsSuspended
    {
        get { lock (_gate) return _state == SocketIOSocketState.Suspended; }
    }

    internal bool IsExpired(long now)
    {
        lock (_gate)
        {
            return _state == SocketIOSocketState.Suspended && IsExpiredLocked(now);
        }
    }

    /// <summary>Ends the socket for good; false when it had already ended.</summary>
    internal bool Finish(string reason, bool sendDisconnect)
    {
        List<Action<SocketIOSocket, string>>? handlers;
        AckTable? acks;
        SocketIOConnection connection;
        bool wasConnected;
        lock (_gate)
        {
            if (_state == SocketIOSocketState.Disconnected)
            {
                return false;
            }
            wasConnected = _state == SocketIOSocketState.Connected;
            if (sendDisconnect && wasConnected)
            {
                _connection.Session.Send(SocketIOPacketEncoder.EncodeDisconnect(Namespace.Name));
            }
            _state = SocketIOSocketState.Disconnected;
            handlers = _disconnectHandlers;
            _disconnectHandlers = null;
            acks = _acks;
            _history = null;
            connection = _connection;
        }
        acks?.FailAll(reason);
        Namespace.Adapter.RemoveAll(this);
        Namespace.Remove(this);
        connection.Forget(this);
        if (wasConnected)
        {
            DeleteSession();
            Notify(handlers, reason);
        }
        return true;
    }

    private bool IsExpiredLocked(long now) =>
        now - _suspendedAt > Namespace.Server.MaxDisconnectionTicks;

    private void Notify(List<Action<SocketIOSocket, string>>? handlers, string reason)
    {
        Namespace.NotifyDisconnect(this, reason);
        foreach (var handler in handlers ?? [])
        {
            try
            {
                handler(this, reason);
            }
            catch (Exception exception)
            {
                Namespace.Server.LogHandlerFailure(this, "disconnect", exception);
            }
        }
    }
}
