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
}
