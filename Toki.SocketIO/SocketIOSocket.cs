using Toki.EngineIO;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// A client's membership of one namespace: its id, rooms, per-socket data and the events it sends and
/// receives. Sends to one socket are serialized by its lock, which keeps the recovery history in send order.
/// </summary>
public sealed partial class SocketIOSocket
{
    private readonly Lock _gate = new();
    private SocketIOConnection _connection;
    private SocketIOSocketState _state = SocketIOSocketState.Connecting;
    private AckTable? _acks;
    private PacketHistory? _history;
    private long _suspendedAt;
    private Dictionary<string, SocketIOEventHandler>? _handlers;
    private List<Action<SocketIOSocket, string>>? _disconnectHandlers;

    internal SocketIOSocket(SocketIONamespace @namespace, SocketIOConnection connection, SocketIOHandshake handshake, string id, string? pid)
    {
        Namespace = @namespace;
        _connection = connection;
        Handshake = handshake;
        Id = id;
        Pid = pid;
    }

    public string Id { get; }

    /// <summary>The private session id a client presents to recover this socket (null when recovery is off).</summary>
    internal string? Pid { get; }

    public SocketIONamespace Namespace { get; }

    public SocketIOHandshake Handshake { get; }

    /// <summary>Application data attached to the socket (for example the authenticated user); restored on recovery.</summary>
    public object? Data { get; set; }

    /// <summary>
    /// True when this connection restored an earlier session through connection state recovery (already while the
    /// middlewares judge that recovery).
    /// </summary>
    public bool Recovered { get; private set; }

    public bool Connected
    {
        get { lock (_gate) return _state == SocketIOSocketState.Connected; }
    }

    /// <summary>The Engine.IO session id of the current connection.</summary>
    public string ConnectionId
    {
        get { lock (_gate) return _connection.Session.Id; }
    }

    public IReadOnlyCollection<string> Rooms => Namespace.Adapter.GetRooms(this);

    public void Join(string room)
    {
        Namespace.Adapter.AddAll(this, [room]);
        OnRoomsChanged();
    }

    public void Join(IReadOnlyList<string> rooms)
    {
        Namespace.Adapter.AddAll(this, rooms);
        OnRoomsChanged();
    }

    public void Leave(string room)
    {
        Namespace.Adapter.Remove(this, room);
        OnRoomsChanged();
    }

    /// <summary>Registers a handler for this socket only; it takes precedence over the namespace's.</summary>
    public void On(string eventName, SocketIOEventHandler handler)
    {
        lock (_gate)
        {
            (_handlers ??= new Dictionary<string, SocketIOEventHandler>(StringComparer.Ordinal))[eventName] = handler;
        }
    }

    /// <summary>Runs when this socket disconnects, with the reason.</summary>
    public void OnDisconnect(Action<SocketIOSocket, string> handler)
    {
        lock (_gate)
        {
            (_disconnectHandlers ??= []).Add(handler);
        }
    }

    /// <summary>Broadcasts to a room, excluding this socket.</summary>
    public BroadcastOperator To(string room) => Namespace.To(room).Except(Id);

    public BroadcastOperator Except(string room) => Namespace.Except(room).Except(Id);

    /// <summary>Broadcasts to the whole namespace except this socket.</summary>
    public BroadcastOperator Broadcast => Namespace.Except(Id);

    public bool Emit(string eventName, params object?[] args)
    {
        var server = Namespace.Server;
        var adapter = Namespace.Adapter;
        if (!adapter.StampsOffsets)
        {
            return Deliver(SocketIOPacketEncoder.EncodeEvent(Namespace.Name, eventName, args, null, server.NextOffset(), server.JsonOptions));
        }
        return adapter.SendToSocket(this, SocketIOPacketEncoder.EncodeEvent(Namespace.Name, eventName, args, null, null, server.JsonOptions));
    }

    /// <summary>Emits received arguments verbatim (binary attachments included).</summary>
    public bool Emit(string eventName, SocketIOArgs args)
    {
        var adapter = Namespace.Adapter;
        if (!adapter.StampsOffsets)
        {
            return Deliver(SocketIOPacketEncoder.EncodeEvent(Namespace.Name, eventName, args, null, Namespace.Server.NextOffset()));
        }
        return adapter.SendToSocket(this, SocketIOPacketEncoder.EncodeEvent(Namespace.Name, eventName, args, null, null));
    }

    /// <summary>Emits an event and waits for the client's acknowledgement; the caller disposes the response.</summary>
    public async Task<SocketIOArgs> EmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        AckTable acks;
        lock (_gate)
        {
            if (_state != SocketIOSocketState.Connected)
            {
                throw new SocketIODisconnectedException(SocketIODisconnectReason.TransportClose);
            }
            acks = _acks ??= new AckTable();
        }
        var id = Namespace.NextAckId();
        var waiter = new SingleAckWaiter();
        acks.Register(id, waiter);
        var packet = SocketIOPacketEncoder.EncodeEvent(Namespace.Name, eventName, args, id, null, Namespace.Server.JsonOptions);
        Deliver(packet);
        try
        {
            return await waiter.Response.WaitAsync(timeout, Namespace.Server.Time);
        }
        catch (TimeoutException)
        {
            acks.Forget(id);
            throw new SocketIOAckTimeoutException(eventName, timeout);
        }
    }

    /// <summary>
    /// Leaves the namespace: the client gets a DISCONNECT packet; with <paramref name="close"/> every namespace
    /// of the connection is left the same way and then the connection closes.
    /// </summary>
    public void Disconnect(bool close = false)
    {
        var connection = _connection;
        if (!Finish(SocketIODisconnectReason.ServerNamespaceDisconnect, sendDisconnect: true))
        {
            return;
        }
        if (close)
        {
            connection.DisconnectAll();
        }
    }

    /// <summary>Sends an encoded packet (or records it while suspended); false when the socket is gone.</summary>
    public bool Deliver(OutboundPacket packet)
    {
        lock (_gate)
        {
            switch (_state)
            {
                case SocketIOSocketState.Connected:
                    Record(packet, keepWindow: true);
                    Namespace.Server.Metrics.PacketOut();
                    Namespace.Server.Listener?.OnPacketSent(this, packet);
                    return packet.SendTo(_connection.Session);
                case SocketIOSocketState.Suspended:
                    Record(packet, keepWindow: false);
                    return true;
                default:
                    return false;
            }
        }
    }

    internal bool SendAck(long id, object?[] args) =>
        Deliver(SocketIOPacketEncoder.EncodeAck(Namespace.Name, id, args, Namespace.Server.JsonOptions));

    internal bool SendAck(long id, SocketIOArgs args) => Deliver(SocketIOPacketEncoder.EncodeAck(Namespace.Name, id, args));

    internal SocketIOEventHandler? FindHandler(string eventName)
    {
        lock (_gate)
        {
            return _handlers is not null && _handlers.TryGetValue(eventName, out var handler) ? handler : null;
        }
    }

    internal void RegisterAck(long id, IAckWaiter waiter)
    {
        AckTable acks;
        lock (_gate)
        {
            acks = _acks ??= new AckTable();
        }
        acks.Register(id, waiter);
    }

    internal void ForgetAck(long id)
    {
        AckTable? acks;
        lock (_gate)
        {
            acks = _acks;
        }
        acks?.Forget(id);
    }

    internal void CompleteAck(long id, SocketIOArgs args)
    {
        AckTable? acks;
        lock (_gate)
        {
            acks = _acks;
        }
        if (acks is null || !acks.TryComplete(id, args))
        {
            args.Dispose();
        }
    }

    private void Record(OutboundPacket packet, bool keepWindow)
    {
        if (packet.Offset is null || Namespace.Server.Recovery is not { } recovery)
        {
            return;
        }
        _history ??= new PacketHistory(recovery.MaxBufferedPackets, recovery.MaxBufferedBytes);
        var now = Namespace.Server.Time.GetTimestamp();
        _history.Append(packet, now, keepWindow ? now - Namespace.Server.UndetectedDropTicks : null);
    }
}
