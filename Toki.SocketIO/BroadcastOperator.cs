using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// Selects sockets of a namespace by rooms, on every server of the cluster (or only this one, <see cref="Local"/>),
/// then emits to them or acts on them. Immutable. The verbs without <c>Async</c> start the operation and return at
/// once (with the in-memory adapter it is already done); their failures are logged.
/// </summary>
public readonly struct BroadcastOperator
{
    private readonly SocketIONamespace _namespace;
    private readonly string[] _rooms;
    private readonly string[] _except;
    private readonly bool _local;
    private readonly TimeSpan? _timeout;

    internal BroadcastOperator(SocketIONamespace @namespace, string[] rooms, string[] except, bool local = false, TimeSpan? timeout = null)
    {
        _namespace = @namespace;
        _rooms = rooms;
        _except = except;
        _local = local;
        _timeout = timeout;
    }

    private BroadcastOptions Options => new(_rooms, _except) { Local = _local, Timeout = _timeout };

    private SocketIOAdapter Adapter => _namespace.Adapter;

    public BroadcastOperator To(string room) => new(_namespace, [.. _rooms, room], _except, _local, _timeout);

    public BroadcastOperator To(IEnumerable<string> rooms) => new(_namespace, [.. _rooms, .. rooms], _except, _local, _timeout);

    public BroadcastOperator In(string room) => To(room);

    public BroadcastOperator Except(string room) => new(_namespace, _rooms, [.. _except, room], _local, _timeout);

    /// <summary>Only the sockets of this server, even in a cluster.</summary>
    public BroadcastOperator Local => new(_namespace, _rooms, _except, local: true, _timeout);

    /// <summary>How long <see cref="FetchSocketsAsync"/> waits for the other servers (5 s by default).</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => new(_namespace, _rooms, _except, _local, timeout);

    /// <summary>Encodes the event once and delivers it to every selected socket.</summary>
    public void Emit(string eventName, params object?[] args) => _namespace.Observe(EmitAsync(eventName, args), "broadcast");

    /// <summary>Encodes the event once and delivers it to every selected socket; completes once every server has it.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args)
    {
        var server = _namespace.Server;
        var adapter = Adapter;
        var packet = SocketIOPacketEncoder.EncodeEvent(_namespace.Name, eventName, args, null, adapter.StampsOffsets ? null : server.NextOffset(),
            server.JsonOptions);
        return adapter.BroadcastAsync(packet, Options);
    }

    /// <summary>
    /// Emits to every selected socket and waits for each one's acknowledgement (its arguments), across the cluster.
    /// Fails with <see cref="SocketIOAckTimeoutException"/>, carrying the answers so far, when some do not arrive within
    /// <paramref name="timeout"/>. The caller disposes the answers.
    /// </summary>
    public async Task<IReadOnlyList<SocketIOArgs>> EmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        var server = _namespace.Server;
        var acks = new SocketIOBroadcastAcks(eventName, _namespace.NextAckId(), timeout, server.Time);
        var packet = SocketIOPacketEncoder.EncodeEvent(_namespace.Name, eventName, args, acks.AckId, null, server.JsonOptions);
        var options = Options with { Timeout = timeout };
        try
        {
            await Adapter.BroadcastWithAckAsync(packet, options, acks);
            acks.ExpectServers(_local ? 1 : await Adapter.ServerCountAsync());
        }
        catch (Exception exception)
        {
            acks.Fail(exception);
        }
        return await acks.Completion;
    }

    /// <summary>The selected connected sockets, on every server (only this one's with <see cref="Local"/>).</summary>
    public Task<IReadOnlyList<SocketIORemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default) =>
        Adapter.FetchSocketsAsync(Options, cancellationToken);

    public void SocketsJoin(params string[] rooms) => _namespace.Observe(SocketsJoinAsync(rooms), "socketsJoin");

    public ValueTask SocketsJoinAsync(params string[] rooms) => Adapter.AddSocketsAsync(Options, rooms);

    public void SocketsLeave(params string[] rooms) => _namespace.Observe(SocketsLeaveAsync(rooms), "socketsLeave");

    public ValueTask SocketsLeaveAsync(params string[] rooms) => Adapter.RemoveSocketsAsync(Options, rooms);

    public void DisconnectSockets(bool close = false) => _namespace.Observe(DisconnectSocketsAsync(close), "disconnectSockets");

    public ValueTask DisconnectSocketsAsync(bool close = false) => Adapter.DisconnectSocketsAsync(Options, close);
}
