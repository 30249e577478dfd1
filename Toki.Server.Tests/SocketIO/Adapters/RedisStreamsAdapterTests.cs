using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Redis;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>The adapter specification in streams mode, and recovery on the other server.</summary>
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
