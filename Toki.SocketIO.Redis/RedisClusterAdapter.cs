using System.Collections.Concurrent;
using Toki.SocketIO.Redis.Codec;
using Toki.SocketIO.Redis.Transport;

namespace Toki.SocketIO.Redis;

/// <summary>
/// The adapter of one namespace in a Redis-backed cluster: the message set of socket.io-adapter's ClusterAdapter
/// (broadcasts with rooms, exceptions and flags, with acknowledgements and client counts; socketsJoin/socketsLeave;
/// disconnectSockets; fetchSockets; serverSideEmit with acknowledgements), implemented once over
/// <see cref="ClusterMessage"/> and carried by the cluster's <see cref="ClusterTransport"/>. This server's sockets
/// live in a <see cref="LocalSocketIOAdapter"/>; every message from another server is applied to it as the Node
/// adapters apply it to theirs.
/// </summary>
internal sealed partial class RedisClusterAdapter : SocketIOAdapter
{
    private readonly RedisCluster _cluster;
    private readonly LocalSocketIOAdapter _local;
    private readonly ConcurrentDictionary<string, PendingRequest> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SocketIOBroadcastAcks> _ackRequests = new(StringComparer.Ordinal);
    private readonly List<StackExchange.Redis.ChannelMessageQueue> _subscriptions = [];
    private readonly List<StackExchange.Redis.RedisChannel> _handlerChannels = [];
    private Task _subscribed = Task.CompletedTask;

    public RedisClusterAdapter(SocketIONamespace @namespace, RedisCluster cluster)
        : base(@namespace)
    {
        _cluster = cluster;
        _local = new LocalSocketIOAdapter(@namespace);
        Uid = cluster.Transport.NewUid();
    }

    /// <summary>This server's id in the namespace, as the other members see it.</summary>
    public string Uid { get; }

    private ClusterTransport Transport => _cluster.Transport;

    public override bool StampsOffsets => true;

    public override bool PersistsSessions => RecoveryEnabled && Transport is StreamsTransport;

    public void Start() => _subscribed = SubscribeAsync();

    /// <summary>Completes once the namespace's subscriptions are in place.</summary>
    public Task Subscribed => _subscribed;

    public override async ValueTask CloseAsync()
    {
        await _subscribed;
        _cluster.Forget(this);
        await Transport.UnsubscribeAsync(this);
    }

    internal void AddSubscription(StackExchange.Redis.ChannelMessageQueue queue)
    {
        lock (_subscriptions)
        {
            _subscriptions.Add(queue);
        }
    }

    internal void AddHandlerChannel(StackExchange.Redis.RedisChannel channel)
    {
        lock (_subscriptions)
        {
            _handlerChannels.Add(channel);
        }
    }

    internal StackExchange.Redis.ChannelMessageQueue[] TakeSubscriptions()
    {
        lock (_subscriptions)
        {
            var taken = _subscriptions.ToArray();
            _subscriptions.Clear();
            return taken;
        }
    }

    internal StackExchange.Redis.RedisChannel[] TakeHandlerChannels()
    {
        lock (_subscriptions)
        {
            var taken = _handlerChannels.ToArray();
            _handlerChannels.Clear();
            return taken;
        }
    }

    public override void AddAll(SocketIOSocket socket, IReadOnlyList<string> rooms) => _local.AddAll(socket, rooms);

    public override void Remove(SocketIOSocket socket, string room) => _local.Remove(socket, room);

    public override void RemoveAll(SocketIOSocket socket) => _local.RemoveAll(socket);

    public override IReadOnlyCollection<string> GetRooms(SocketIOSocket socket) => _local.GetRooms(socket);

    public override IReadOnlyCollection<string> GetAllRooms() => _local.GetAllRooms();

    public override IReadOnlyList<SocketIOSocket> GetLocalSockets(BroadcastOptions options) => _local.GetLocalSockets(options);

    public override async ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default) =>
        Math.Max(1, await Transport.ServerCountAsync(Namespace.Name).WaitAsync(cancellationToken));

    public override ValueTask BroadcastAsync(OutboundPacket packet, BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Local)
        {
            _local.Broadcast(StampLocally(packet), options);
            return default;
        }
        var message = Message(ClusterMessageType.Broadcast) with { Options = options, Packet = packet.ToData() };
        return new ValueTask(Transport.PublishAsync(message, offset => _local.Broadcast(Stamp(packet, options, offset), options)));
    }

    /// <summary>
    /// An emit to one of this server's sockets. With recovery in streams mode it goes through the stream, as the
    /// Node server's does, so that its offset is a stream id any member can resume from.
    /// </summary>
    public override bool SendToSocket(SocketIOSocket socket, OutboundPacket packet)
    {
        if (!RecoveryEnabled || !Transport.CarriesOffsets || !packet.IsRecoverable)
        {
            return socket.Deliver(StampLocally(packet));
        }
        var options = new BroadcastOptions([socket.Id], []);
        var message = Message(ClusterMessageType.Broadcast) with { Options = options, Packet = packet.ToData() };
        Observe(Transport.PublishAsync(message, offset => socket.Deliver(offset is null ? packet : packet.WithOffset(offset))), message);
        return true;
    }

    public override ValueTask BroadcastWithAckAsync(OutboundPacket packet, BroadcastOptions options, SocketIOBroadcastAcks acks,
        CancellationToken cancellationToken = default)
    {
        Task published = Task.CompletedTask;
        if (!options.Local)
        {
            var requestId = NewRequestId();
            _ackRequests[requestId] = acks;
            _ = acks.Completion.ContinueWith(static (completed, state) =>
            {
                var (requests, id) = ((ConcurrentDictionary<string, SocketIOBroadcastAcks>, string))state!;
                requests.TryRemove(id, out _);
            }, (_ackRequests, requestId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var message = Message(ClusterMessageType.Broadcast) with { RequestId = requestId, Options = options, Packet = packet.ToData() };
            published = Transport.PublishAsync(message, null);
        }
        _local.BroadcastWithAck(packet, options, acks);
        return new ValueTask(published);
    }

    public override ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken = default) =>
        Apply(Message(ClusterMessageType.SocketsJoin) with { Options = options, Rooms = rooms }, () => _local.AddSockets(options, rooms));

    public override ValueTask RemoveSocketsAsync(BroadcastOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken = default) =>
        Apply(Message(ClusterMessageType.SocketsLeave) with { Options = options, Rooms = rooms }, () => _local.RemoveSockets(options, rooms));

    public override ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close, CancellationToken cancellationToken = default) =>
        Apply(Message(ClusterMessageType.DisconnectSockets) with { Options = options, Close = close }, () => _local.DisconnectSockets(options, close));

    /// <summary>Publishes a membership message and applies it here in publish order (at once when it is local only).</summary>
    private ValueTask Apply(ClusterMessage message, Action local)
    {
        if (message.Options.Local)
        {
            local();
            return default;
        }
        return new ValueTask(Transport.PublishAsync(message, _ => local()));
    }

    /// <summary>The offset a delivered broadcast carries: the stream id in streams mode, this server's own otherwise.</summary>
    private OutboundPacket Stamp(OutboundPacket packet, BroadcastOptions options, string? streamOffset)
    {
        if (!RecoveryEnabled || !packet.IsRecoverable || options.Volatile)
        {
            return packet;
        }
        if (Transport.CarriesOffsets)
        {
            return streamOffset is null ? packet : packet.WithOffset(streamOffset);
        }
        return StampLocally(packet);
    }

    private ClusterMessage Message(ClusterMessageType type) => new() { Type = type, Uid = Uid, Namespace = Namespace.Name };

    private static string NewRequestId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    private async Task SubscribeAsync()
    {
        try
        {
            await Transport.SubscribeAsync(this);
        }
        catch (Exception exception)
        {
            RedisCluster.Log.PublishFailed(_cluster.Logger, "subscribe", Namespace.Name, exception);
        }
    }

    private void Observe(Task task, ClusterMessage message)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }
        _ = task.ContinueWith(static (t, state) =>
        {
            var (cluster, message) = ((RedisCluster, ClusterMessage))state!;
            RedisCluster.Log.PublishFailed(cluster.Logger, message.Type.ToString(), message.Namespace, t.Exception!.InnerException!);
        }, (_cluster, message), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
