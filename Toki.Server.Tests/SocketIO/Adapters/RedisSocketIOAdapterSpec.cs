using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;
using Toki.SocketIO.Redis;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>
/// The adapter specification across two servers joined through a real redis-server (one per fixture, emptied before
/// each test), each server with its own <see cref="RedisCluster"/> as separate processes would have.
/// </summary>
public abstract class RedisSocketIOAdapterSpec : SocketIOAdapterSpec
{
    private readonly List<RedisCluster> _clusters = [];
    private RedisServer? _redis;

    protected abstract RedisClusterMode Mode { get; }

    protected override int NodeCount => 2;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    protected override SocketIOAdapter CreateAdapter(SocketIONamespace @namespace, int node) => _clusters[node].CreateAdapter(@namespace);

    protected override async Task SetUpNodesAsync()
    {
        await _redis!.FlushAsync();
        for (var node = 0; node < NodeCount; node++)
        {
            _clusters.Add(await RedisCluster.ConnectAsync(new RedisClusterOptions { Configuration = _redis.Configuration, Mode = Mode },
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System));
        }
    }

    // Every server subscribed before the test starts, as a server that has been running for a while has.
    protected override async Task ServersCreatedAsync()
    {
        for (var node = 0; node < NodeCount; node++)
        {
            foreach (var name in new[] { "/", "/other" })
            {
                await ((RedisClusterAdapter)Server(node).Of(name).Adapter).Subscribed.DefaultTimeout();
            }
        }
    }

    protected override async Task TearDownNodesAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }
        _clusters.Clear();
    }
}
