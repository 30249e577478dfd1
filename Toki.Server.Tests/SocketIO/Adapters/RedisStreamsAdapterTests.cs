using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Redis;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>The adapter specification in streams mode, and recovery on the other server (judged by its middlewares).</summary>
[TestFixture]
[Category(TestCategories.Cluster)]
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
    public async Task ARecoveryTheOtherServersMiddlewaresRefuseOrDeclineLeavesTheSessionForItsOwnClient()
    {
        await UseRecoveryAsync(new ConnectionStateRecoveryOptions());
        var judged = new List<(string? Token, bool Recovered)>();
        Server(1).Sockets.Use((socket, _) =>
        {
            var token = socket.Handshake.GetAuthString("token");
            lock (judged)
            {
                judged.Add((token, socket.Recovered));
            }
            return ValueTask.FromResult(token switch
            {
                "owner" => SocketIOMiddlewareResult.Continue,
                "other" => SocketIOMiddlewareResult.ContinueWithoutRecovery,
                _ => SocketIOMiddlewareResult.Reject("unauthorized"),
            });
        });
        var a = await ConnectAsync(0, rooms: ["r"]);
        await Server(1).Sockets.To("r").EmitAsync("before");
        var before = await a.Client.ReceiveAsync();
        var offset = before[(before.IndexOf(",\"", StringComparison.Ordinal) + 2)..^2];
        await a.Client.SendAsync("1");
        await WaitUntilAsync(() => !a.Socket.Connected);
        await Server(1).Sockets.To("r").EmitAsync("while-away");
        string Auth(string token) => $$"""{"pid":"{{a.Client.Pid}}","offset":"{{offset}}","token":"{{token}}"}""";

        var other = await Support.InProcessSocketIOClient.ConnectAsync(Server(1), "/", Auth("other"));
        var refused = await Support.InProcessSocketIOClient.OpenAsync(Server(1), "/", Auth("wrong"));
        var owner = await Support.InProcessSocketIOClient.ConnectAsync(Server(1), "/", Auth("owner"));

        Assert.That(other.Id, Is.Not.EqualTo(a.Id), "declined: a socket of its own");
        Assert.That(Server(1).Sockets.TryGetSocket(other.Id, out var fresh) && !fresh.Recovered, Is.True);
        Assert.That(refused.ConnectAnswer, Is.EqualTo("""44{"message":"unauthorized"}"""));
        Assert.That(owner.Id, Is.EqualTo(a.Id), "the session went back to the store both times");
        Assert.That(await owner.ReceiveAsync(), Does.Match("""^42\["while-away","[0-9]+-[0-9]+"\]$"""));
        Assert.That(judged, Is.EqualTo(new[] { ("other", true), ("other", false), ("wrong", true), ("owner", true) }));
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
