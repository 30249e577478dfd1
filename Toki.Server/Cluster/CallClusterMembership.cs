namespace Toki.Server.Cluster;

/// <summary>The call service's cluster when <c>Cluster:Redis</c> is set, or none (a single server).</summary>
internal sealed class CallClusterMembership(RedisCallCluster? cluster) : IAsyncDisposable
{
    public RedisCallCluster? Cluster { get; } = cluster;

    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}
