namespace Toki.SocketIO;

/// <summary>
/// Room membership and fan-out for one namespace. The in-memory <see cref="LocalSocketIOAdapter"/> is the
/// default; a multi-node adapter implements the same verbs over a backplane and must pass the same
/// specification tests. Implementations never call into sockets while holding their own locks.
/// </summary>
public abstract class SocketIOAdapter
{
    protected SocketIOAdapter(SocketIONamespace @namespace)
    {
        Namespace = @namespace;
    }

    public SocketIONamespace Namespace { get; }

    /// <summary>The server's listener, told of rooms joined and left (outside the adapter's locks); null when none is attached.</summary>
    protected ISocketIOListener? Listener => Namespace.Server.Listener;

    /// <summary>How many servers share this namespace (1 for a local adapter).</summary>
    public virtual int ServerCount => 1;

    public abstract void AddAll(SocketIOSocket socket, IReadOnlyList<string> rooms);

    public abstract void Remove(SocketIOSocket socket, string room);

    /// <summary>Removes the socket from every room, its own included.</summary>
    public abstract void RemoveAll(SocketIOSocket socket);

    public abstract IReadOnlyCollection<string> GetRooms(SocketIOSocket socket);

    /// <summary>All rooms that currently have members on this server.</summary>
    public abstract IReadOnlyCollection<string> GetAllRooms();

    /// <summary>Delivers an encoded packet to every socket selected by <paramref name="options"/>.</summary>
    public abstract void Broadcast(OutboundPacket packet, BroadcastOptions options);

    /// <summary>The connected sockets selected by <paramref name="options"/>.</summary>
    public abstract IReadOnlyList<SocketIOSocket> FetchSockets(BroadcastOptions options);

    public abstract void AddSockets(BroadcastOptions options, IReadOnlyList<string> rooms);

    public abstract void RemoveSockets(BroadcastOptions options, IReadOnlyList<string> rooms);

    public abstract void DisconnectSockets(BroadcastOptions options, bool close);
}
