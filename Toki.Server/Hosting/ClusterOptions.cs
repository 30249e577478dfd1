namespace Toki.Server.Hosting;

/// <summary>
/// Scale-out through Redis (configuration section <c>Cluster</c>): empty <see cref="Redis"/> is a single server, exactly
/// as without this section. See docs/cluster.md.
/// </summary>
internal sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>The Redis the servers of the cluster share, as a StackExchange.Redis configuration string (<c>redis:6379</c>, <c>host:6379,password=...</c>).</summary>
    public string Redis { get; set; } = "";

    /// <summary>
    /// <c>streams</c> (wire-compatible with @socket.io/redis-streams-adapter 0.3, connection state recovery across
    /// servers) or <c>classic</c> (with @socket.io/redis-adapter 8.3, pub/sub, recovery on the same server only).
    /// </summary>
    public string Mode { get; set; } = "streams";

    /// <summary>
    /// How long a server's lease in Redis lasts without a refresh: a server silent for longer counts as dead, and the
    /// users whose sockets it held as disconnected from the lease's expiry (docs/cluster.md, "Calls across servers").
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each server refreshes its lease and looks for expired ones (less than <see cref="LeaseTtl"/>).</summary>
    public TimeSpan LeaseRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
