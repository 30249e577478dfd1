using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Redis;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>The adapter specification in classic mode (pub/sub), where recovery stays on one server.</summary>
[TestFixture]
[Category(TestCategories.Cluster)]
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
