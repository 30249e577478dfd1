using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Toki.SocketIO.Redis.Transport;

namespace Toki.SocketIO.Redis;

/// <summary>
/// This server's membership of a Redis-backed Socket.IO cluster: one connection for commands and one subscriber
/// connection for the whole process (Node members count servers with <c>PUBSUB NUMSUB</c>), in streams mode one more
/// that blocks reading the stream, and the adapter of each namespace (<see cref="CreateAdapter"/>, for
/// <see cref="SocketIOServerOptions.AdapterFactory"/>). Starting while Redis is unreachable works: the server then
/// serves its own clients and joins the cluster once Redis answers.
/// </summary>
public sealed partial class RedisCluster : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RedisClusterAdapter> _adapters = new(StringComparer.Ordinal);

    private RedisCluster(RedisClusterOptions options, ConnectionMultiplexer connection, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Options = options;
        Connection = connection;
        Time = time;
        Logger = loggerFactory.CreateLogger<RedisCluster>();
        connection.ConnectionFailed += (_, e) => Log.ConnectionLost(Logger, e.ConnectionType.ToString(), e.FailureType.ToString(), e.Exception);
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(Logger, e.ConnectionType.ToString());
        Transport = options.Mode == RedisClusterMode.Streams ? new StreamsTransport(this) : new ClassicTransport(this);
    }

    public RedisClusterOptions Options { get; }

    public RedisClusterMode Mode => Options.Mode;

    /// <summary>Whether the command connection to Redis is up.</summary>
    public bool IsConnected => Connection.IsConnected;

    internal ConnectionMultiplexer Connection { get; }

    /// <summary>The command connection's database, for state a host keeps beside the adapter's (Toki.Server's server leases).</summary>
    public IDatabase GetDatabase() => Connection.GetDatabase();

    internal IDatabase Database => Connection.GetDatabase();

    internal ISubscriber Subscriber => Connection.GetSubscriber();

    internal ClusterTransport Transport { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>Connects to Redis (without failing when it is down: it keeps trying in the background) and starts reading the cluster.</summary>
    public static async Task<RedisCluster> ConnectAsync(RedisClusterOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(Configure(options.Configuration, "toki"));
        var cluster = new RedisCluster(options, connection, loggerFactory, time);
        await cluster.Transport.StartAsync();
        Log.Joined(cluster.Logger, options.Mode.ToString(), connection.IsConnected);
        return cluster;
    }

    /// <summary>The adapter of <paramref name="namespace"/> on this cluster.</summary>
    public SocketIOAdapter CreateAdapter(SocketIONamespace @namespace)
    {
        var adapter = new RedisClusterAdapter(@namespace, this);
        _adapters[@namespace.Name] = adapter;
        adapter.Start();
        return adapter;
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        await Connection.CloseAsync();
        Connection.Dispose();
    }

    internal RedisClusterAdapter? FindAdapter(string @namespace) => _adapters.GetValueOrDefault(@namespace);

    internal void Forget(RedisClusterAdapter adapter) =>
        _adapters.TryRemove(new KeyValuePair<string, RedisClusterAdapter>(adapter.Namespace.Name, adapter));

    internal static ConfigurationOptions Configure(string configuration, string clientName)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= clientName;
        return options;
    }
}
