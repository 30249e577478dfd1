namespace Toki.SocketIO;

/// <summary>
/// Room membership and fan-out for one namespace, in the manner of SignalR's <c>HubLifetimeManager</c>. The
/// membership of this server's sockets is local and synchronous; the verbs that reach every server of a cluster
/// return tasks and take a cancellation token. The in-memory <see cref="LocalSocketIOAdapter"/> is the default and
/// completes every verb synchronously (no task is allocated on its paths); a multi-node adapter implements the same
/// verbs over a backplane and must pass the same specification tests. Implementations never call into sockets while
/// holding their own locks.
/// </summary>
public abstract partial class SocketIOAdapter
{
    protected SocketIOAdapter(SocketIONamespace @namespace)
    {
        Namespace = @namespace;
    }

    public SocketIONamespace Namespace { get; }

    /// <summary>The server's listener, told of rooms joined and left (outside the adapter's locks); null when none is attached.</summary>
    protected ISocketIOListener? Listener => Namespace.Server.Listener;

    public abstract void AddAll(SocketIOSocket socket, IReadOnlyList<string> rooms);

    public abstract void Remove(SocketIOSocket socket, string room);

    /// <summary>Removes the socket from every room, its own included.</summary>
    public abstract void RemoveAll(SocketIOSocket socket);

    public abstract IReadOnlyCollection<string> GetRooms(SocketIOSocket socket);

    /// <summary>All rooms that currently have members on this server.</summary>
    public abstract IReadOnlyCollection<string> GetAllRooms();

    /// <summary>The connected sockets of this server selected by <paramref name="options"/>.</summary>
    public abstract IReadOnlyList<SocketIOSocket> GetLocalSockets(BroadcastOptions options);

    /// <summary>How many servers share this namespace (1 for a local adapter).</summary>
    public virtual ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default) => new(1);

    /// <summary>Delivers an encoded packet to every socket selected by <paramref name="options"/>, on every server.</summary>
    public abstract ValueTask BroadcastAsync(OutboundPacket packet, BroadcastOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a packet that asks for acknowledgements (its ack id is <see cref="SocketIOBroadcastAcks.AckId"/>) and
    /// feeds <paramref name="acks"/>: one client count per server, then the clients' answers.
    /// </summary>
    public abstract ValueTask BroadcastWithAckAsync(OutboundPacket packet, BroadcastOptions options, SocketIOBroadcastAcks acks,
        CancellationToken cancellationToken = default);

    /// <summary>The connected sockets selected by <paramref name="options"/>, on every server.</summary>
    public abstract Task<IReadOnlyList<SocketIORemoteSocket>> FetchSocketsAsync(BroadcastOptions options, CancellationToken cancellationToken = default);

    public abstract ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken = default);

    public abstract ValueTask RemoveSocketsAsync(BroadcastOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken = default);

    public abstract ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close, CancellationToken cancellationToken = default);

    /// <summary>The server is shutting down: leave the cluster (the Node adapter's <c>close()</c>).</summary>
    public virtual ValueTask CloseAsync() => default;

    /// <summary>Sends an event (<c>["name", args...]</c>) to the other servers' server-side handlers; nothing to do alone.</summary>
    public virtual ValueTask ServerSideEmitAsync(SocketIOData packet, CancellationToken cancellationToken = default) => default;

    /// <summary>
    /// Sends an event to the other servers and gathers one answer from each; alone, there are none. Fails with
    /// <see cref="SocketIOAckTimeoutException"/> (carrying the answers so far) when some do not answer in time.
    /// </summary>
    public virtual Task<IReadOnlyList<SocketIOArgs>> ServerSideEmitWithAckAsync(SocketIOData packet, TimeSpan timeout,
        CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<SocketIOArgs>>([]);
}
