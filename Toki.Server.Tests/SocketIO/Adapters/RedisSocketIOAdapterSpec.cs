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

[TestFixture]
public sealed class RedisStreamsAdapterTests : RedisSocketIOAdapterSpec
{
    protected override RedisClusterMode Mode => RedisClusterMode.Streams;

    [Test]
    public async Task AClientRecoversOnTheOtherServerWithWhatItMissed()
    {
        await UseRecoveryAsync(new ConnectionStateRecoveryOptions());
        var a = await ConnectAsync(0, rooms: ["r"]);
        await Server(1).Sockets.To("r").EmitAsync("before");
        var before = await a.Client.ReceiveAsync();
        var offset = before[(before.IndexOf(",\"", StringComparison.Ordinal) + 2)..^2];

        await a.Client.SendAsync("1");
        await WaitUntilAsync(() => !a.Socket.Connected);
        await Server(1).Sockets.To("r").EmitAsync("while-away", 1);
        await Server(0).Sockets.Except("nobody").EmitAsync("to-all");
        var recovered = await Support.InProcessSocketIOClient.ConnectAsync(Server(1), "/", $$"""{"pid":"{{a.Client.Pid}}","offset":"{{offset}}"}""");

        Assert.That(before, Does.Match("""^42\["before","[0-9]+-[0-9]+"\]$"""));
        Assert.That(recovered.Id, Is.EqualTo(a.Id));
        Assert.That(await recovered.ReceiveAsync(), Does.Match("""^42\["while-away",1,"[0-9]+-[0-9]+"\]$"""));
        Assert.That(await recovered.ReceiveAsync(), Does.Match("""^42\["to-all","[0-9]+-[0-9]+"\]$"""));
        Assert.That(Server(1).Sockets.TryGetSocket(a.Id, out var moved) && moved.Recovered, Is.True);
        Assert.That(string.Join(",", moved!.Rooms.Order(StringComparer.Ordinal)), Is.EqualTo(string.Join(",", new[] { a.Id, "r" }.Order(StringComparer.Ordinal))));
        Assert.That((await Server(0).Sockets.FetchSocketsAsync()).Select(s => s.Id), Is.EqualTo(new[] { a.Id }));
    }

    [Test]
    public async Task AnOffsetTheStreamDoesNotHoldIsNotRecovered()
    {
        await UseRecoveryAsync(new ConnectionStateRecoveryOptions());
        var a = await ConnectAsync(0, rooms: ["r"]);
        await a.Client.SendAsync("1");
        await WaitUntilAsync(() => !a.Socket.Connected);

        var fresh = await Support.InProcessSocketIOClient.ConnectAsync(Server(1), "/", $$"""{"pid":"{{a.Client.Pid}}","offset":"1-0"}""");

        Assert.That(fresh.Id, Is.Not.EqualTo(a.Id));
    }
}

[TestFixture]
public sealed class RedisClassicAdapterTests : RedisSocketIOAdapterSpec
{
    protected override RedisClusterMode Mode => RedisClusterMode.Classic;

    protected override string ServerSideBinary => "{\"type\":\"Buffer\",\"data\":[1,2,255]}";

    [Test]
    public async Task AClientIsNotRecoveredOnAnotherServer()
    {
        await UseRecoveryAsync(new ConnectionStateRecoveryOptions());
        var a = await ConnectAsync(0, rooms: ["r"]);
        await Server(1).Sockets.To("r").EmitAsync("before");
        var before = await a.Client.ReceiveAsync();

        await a.Client.SendAsync("1");
        await WaitUntilAsync(() => !a.Socket.Connected);
        var fresh = await Support.InProcessSocketIOClient.ConnectAsync(Server(1), "/", $$"""{"pid":"{{a.Client.Pid}}","offset":"1"}""");

        Assert.That(before, Is.EqualTo("42[\"before\",\"1\"]"), "the server's own counter");
        Assert.That(fresh.Id, Is.Not.EqualTo(a.Id));
    }
}
