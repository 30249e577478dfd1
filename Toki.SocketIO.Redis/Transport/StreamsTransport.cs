using System.Security.Cryptography;
using StackExchange.Redis;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis.Transport;

/// <summary>
/// The streams binding (@socket.io/redis-streams-adapter 0.3): broadcasts (without acknowledgements), joins, leaves
/// and disconnects go into the stream (<c>XADD MAXLEN ~</c>), whose entry ids are the recovery offsets; requests go
/// to <c>prefix#nsp#</c> and answers to the requester's <c>prefix#nsp#uid#</c> over pub/sub. Stream entries are
/// handed over in publish order (<see cref="StreamPublisher"/>) and read back by <see cref="StreamReader"/>.
/// </summary>
internal sealed class StreamsTransport : ClusterTransport
{
    private readonly StreamPublisher _publisher;
    private readonly StreamReader _reader;

    public StreamsTransport(RedisCluster cluster)
        : base(cluster)
    {
        _publisher = new StreamPublisher(cluster);
        _reader = new StreamReader(cluster);
        Sessions = new StreamSessionStore(cluster);
    }

    public override bool CarriesOffsets => true;

    public StreamSessionStore Sessions { get; }

    private string Prefix => Cluster.Options.ChannelPrefix;

    // randomBytes(8).toString("hex"), as the ClusterAdapter names itself.
    public override string NewUid() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public override Task StartAsync() => _reader.StartAsync();

    public override async Task SubscribeAsync(RedisClusterAdapter adapter)
    {
        var name = adapter.Namespace.Name;
        foreach (var channel in new[] { PublicChannel(name), $"{Prefix}#{name}#{adapter.Uid}#" })
        {
            var queue = await Cluster.Subscriber.SubscribeAsync(RedisChannel.Literal(channel));
            adapter.AddSubscription(queue);
            queue.OnMessage(message => Receive(adapter, channel, (byte[])message.Message!));
        }
    }

    public override Task PublishAsync(ClusterMessage message, Action<string?>? onPublished)
    {
        if (StreamsCodec.IsEphemeral(message))
        {
            onPublished?.Invoke(null);
            return Cluster.Subscriber.PublishAsync(RedisChannel.Literal(PublicChannel(message.Namespace)), StreamsCodec.EncodePubSub(message));
        }
        return _publisher.AddAsync(StreamsCodec.EncodeEntry(message), onPublished);
    }

    public override Task PublishResponseAsync(string requesterUid, ClusterMessage response) =>
        Cluster.Subscriber.PublishAsync(RedisChannel.Literal($"{Prefix}#{response.Namespace}#{requesterUid}#"), StreamsCodec.EncodePubSub(response));

    public override async Task<int> ServerCountAsync(string @namespace) =>
        await NumSubAsync(PublicChannel(@namespace));

    public override async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        Sessions.Dispose();
    }

    private string PublicChannel(string @namespace) => $"{Prefix}#{@namespace}#";

    private void Receive(RedisClusterAdapter adapter, string channel, byte[] payload)
    {
        ClusterMessage message;
        try
        {
            message = StreamsCodec.DecodePubSub(payload);
        }
        catch (ClusterFormatException exception)
        {
            RedisCluster.Log.Malformed(Cluster.Logger, channel, exception.Message);
            return;
        }
        adapter.OnMessage(message, offset: null);
    }
}
