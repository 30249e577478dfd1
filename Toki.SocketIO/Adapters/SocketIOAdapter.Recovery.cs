namespace Toki.SocketIO;

public abstract partial class SocketIOAdapter
{
    /// <summary>
    /// Whether the adapter gives packets their recovery offsets itself. Then emits hand it packets without one, and
    /// it stamps them (a cluster's offsets must mean the same on every server) before delivering them.
    /// </summary>
    public virtual bool StampsOffsets => false;

    /// <summary>
    /// Delivers an event emitted to one socket of this server. Called only when <see cref="StampsOffsets"/> is true,
    /// with a packet that has no offset yet; false when the socket is gone.
    /// </summary>
    public virtual bool SendToSocket(SocketIOSocket socket, OutboundPacket packet) => socket.Deliver(packet);

    /// <summary>Whether the server runs connection state recovery (then recoverable packets carry offsets).</summary>
    protected bool RecoveryEnabled => Namespace.Server.Recovery is not null;

    /// <summary>A packet without an offset, given this server's next own offset when recovery records it.</summary>
    protected OutboundPacket StampLocally(OutboundPacket packet) =>
        RecoveryEnabled && packet.IsRecoverable && packet.Offset is null ? packet.WithOffset(Namespace.Server.NextOffset()!) : packet;

    /// <summary>
    /// Whether sessions are kept where other servers can restore them. Then, with connection state recovery on, every
    /// socket's session is saved as soon as it connects, again when its rooms change and before it would expire, so
    /// that its client recovers on another server even if this one dies without a word.
    /// </summary>
    public virtual bool PersistsSessions => false;

    /// <summary>Saves (replaces) the session of <paramref name="session"/>.Pid for <paramref name="timeToLive"/>.</summary>
    public virtual ValueTask SaveSessionAsync(SocketIOSessionSnapshot session, TimeSpan timeToLive, CancellationToken cancellationToken = default) => default;

    /// <summary>Forgets a session that ended for good (its socket left the namespace).</summary>
    public virtual ValueTask DeleteSessionAsync(string pid, CancellationToken cancellationToken = default) => default;

    /// <summary>Takes a stored session out of the store (no other server can restore it afterwards); null when there is none.</summary>
    public virtual Task<SocketIOStoredSession?> TakeSessionAsync(string pid, CancellationToken cancellationToken = default) =>
        Task.FromResult<SocketIOStoredSession?>(null);

    /// <summary>
    /// Puts back a session taken with <see cref="TakeSessionAsync"/> whose recovery did not happen (the middlewares refused
    /// or declined it), for the time it had left, unless a newer save took its place meanwhile.
    /// </summary>
    public virtual ValueTask ReturnSessionAsync(SocketIOStoredSession session, CancellationToken cancellationToken = default) => default;

    /// <summary>
    /// The events a socket in <paramref name="rooms"/> missed after <paramref name="offset"/>, in order, each with its own
    /// offset as its last element; null when the offset is no longer (or was never) known.
    /// </summary>
    public virtual Task<IReadOnlyList<SocketIOData>?> ReadMissedPacketsAsync(string offset, IReadOnlyList<string> rooms,
        CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<SocketIOData>?>(null);
}
