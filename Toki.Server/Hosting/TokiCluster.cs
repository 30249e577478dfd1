using Toki.SocketIO.Redis;

namespace Toki.Server.Hosting;

/// <summary>This server's Redis cluster membership, or none (a single server); disposed with the host.</summary>
internal sealed class TokiCluster(RedisCluster? redis) : IAsyncDisposable
{
    public RedisCluster? Redis { get; } = redis;

    public ValueTask DisposeAsync() => Redis?.DisposeAsync() ?? ValueTask.CompletedTask;
}
