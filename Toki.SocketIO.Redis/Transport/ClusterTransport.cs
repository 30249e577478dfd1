using StackExchange.Redis;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis.Transport;

/// <summary>How one binding carries <see cref="ClusterMessage"/>s over Redis; one per process, shared by every namespace.</summary>
internal abstract class ClusterTransport(RedisCluster cluster) : IAsyncDisposable
{
    protected RedisCluster Cluster { get; } = cluster;

    /// <summary>Whether published broadcasts come back with an offset every server agrees on (a stream entry id).</summary>
    public virtual bool CarriesOffsets => false;

    /// <summary>A new server id for a namespace, in the form the Node adapter of this binding uses.</summary>
    public abstract string NewUid();

    public virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>Starts receiving the namespace's messages (the subscriptions Node members count).</summary>
    public abstract Task SubscribeAsync(RedisClusterAdapter adapter);

    /// <summary>Stops receiving the namespace's messages (the adapter is closing).</summary>
    public async Task UnsubscribeAsync(RedisClusterAdapter adapter)
    {
        foreach (var queue in adapter.TakeSubscriptions())
        {
            await queue.UnsubscribeAsync();
        }
        foreach (var channel in adapter.TakeHandlerChannels())
        {
            await Cluster.Subscriber.UnsubscribeAsync(channel);
        }
    }

    /// <summary>
    /// Publishes a message. <paramref name="onPublished"/> runs exactly once, in the order messages were published,
    /// with the stream entry id when the message went into the stream (null otherwise, or when publishing failed);
    /// the task then completes, or fails with the publishing error.
    /// </summary>
    public abstract Task PublishAsync(ClusterMessage message, Action<string?>? onPublished);

    /// <summary>Answers the server <paramref name="requesterUid"/>.</summary>
    public abstract Task PublishResponseAsync(string requesterUid, ClusterMessage response);

    /// <summary>How many servers serve the namespace, as the Node adapter counts them.</summary>
    public abstract Task<int> ServerCountAsync(string @namespace);

    public virtual ValueTask DisposeAsync() => default;

    /// <summary><c>PUBSUB NUMSUB channel</c>: how many connections subscribe to it (one per member process).</summary>
    protected async Task<int> NumSubAsync(string channel)
    {
        var result = await Cluster.Database.ExecuteAsync("PUBSUB", "NUMSUB", channel);
        var pair = (RedisResult[])result!;
        return pair.Length >= 2 ? (int)pair[1] : 0;
    }
}
