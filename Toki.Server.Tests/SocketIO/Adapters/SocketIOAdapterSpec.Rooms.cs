using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>Membership: join, leave, the socket's own room, server-side joins and leaves, disconnection.</summary>
public abstract partial class SocketIOAdapterSpec
{
    [Test]
    public async Task ASocketStartsInItsOwnRoom()
    {
        var a = await ConnectAsync(0);

        Assert.That(RoomsOf(a), Is.EqualTo("#id"));
        Assert.That(a.Socket.Namespace.Adapter.GetAllRooms(), Does.Contain(a.Id));
    }

    [Test]
    public async Task JoinAndLeave()
    {
        var a = await ConnectAsync(0);

        a.Socket.Join("r1");
        a.Socket.Join(["r2", "r3", "r1"]);
        var joined = RoomsOf(a);
        a.Socket.Leave("r2");
        a.Socket.Leave("never-joined");

        Assert.That(joined, Is.EqualTo("#id,r1,r2,r3"));
        Assert.That(RoomsOf(a), Is.EqualTo("#id,r1,r3"));
        Assert.That(a.Socket.Namespace.Adapter.GetAllRooms(), Is.SupersetOf(new[] { "r1", "r3" }).And.Not.Contains("r2"));
    }

    [Test]
    public async Task ARoomDisappearsWithItsLastMember()
    {
        var a = await ConnectAsync(0, rooms: ["shared"]);
        var b = await ConnectAsync(1, rooms: ["shared"]);

        a.Socket.Leave("shared");
        var afterFirst = Server(b.Node).Sockets.Adapter.GetAllRooms().Contains("shared");
        b.Socket.Leave("shared");

        Assert.That(afterFirst, Is.True);
        Assert.That(Server(a.Node).Sockets.Adapter.GetAllRooms(), Does.Not.Contain("shared"));
        Assert.That(Server(b.Node).Sockets.Adapter.GetAllRooms(), Does.Not.Contain("shared"));
    }

    [Test]
    public async Task ADisconnectedSocketLeavesEveryRoom()
    {
        var a = await ConnectAsync(0, rooms: ["r1", "r2"]);
        var b = await ConnectAsync(1, rooms: ["r1"]);

        await a.Client.SendAsync("41");

        Assert.That(Server(a.Node).Sockets.Adapter.GetAllRooms(), Does.Not.Contain(a.Id).And.Not.Contains("r2"));
        Assert.That(await ReceivedBeforeFenceAsync(b), Is.EqualTo(new[] { "" }));
        await Server().Sockets.To("r1").EmitAsync("after");
        Assert.That(await ReceivedBeforeFenceAsync(b), Is.EqualTo(new[] { "42[\"after\"]" }));
    }

    [Test]
    public async Task FetchesSocketsByRoomsAndExceptions()
    {
        var a = await ConnectAsync(0, rooms: ["r1"]);
        var b = await ConnectAsync(1, rooms: ["r1", "r2"]);
        var c = await ConnectAsync(2, rooms: ["r2"]);
        var d = await ConnectAsync(3);
        var ns = Server().Sockets;

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(IdsOf(await ns.FetchSocketsAsync(), a, b, c, d), Is.EqualTo("a,b,c,d"));
            Assert.That(IdsOf(await ns.To("r1").FetchSocketsAsync(), a, b, c, d), Is.EqualTo("a,b"));
            Assert.That(IdsOf(await ns.To("r1").To("r2").FetchSocketsAsync(), a, b, c, d), Is.EqualTo("a,b,c"));
            Assert.That(IdsOf(await ns.Except("r1").FetchSocketsAsync(), a, b, c, d), Is.EqualTo("c,d"));
            Assert.That(IdsOf(await ns.To("r2").Except("r1").FetchSocketsAsync(), a, b, c, d), Is.EqualTo("c"));
            Assert.That(IdsOf(await ns.In(d.Id).FetchSocketsAsync(), a, b, c, d), Is.EqualTo("d"));
            Assert.That(IdsOf(await ns.To("nobody").FetchSocketsAsync(), a, b, c, d), Is.Empty);
        });
    }

    [Test]
    public async Task MakesSelectedSocketsJoinAndLeave()
    {
        var a = await ConnectAsync(0, rooms: ["r1"]);
        var b = await ConnectAsync(1, rooms: ["r1", "r2"]);
        var c = await ConnectAsync(2);
        var ns = Server().Sockets;

        await ns.To("r1").SocketsJoinAsync("joined", "also");
        await ReceivedBeforeFenceAsync(a, b, c);
        var afterJoin = new[] { RoomsOf(a), RoomsOf(b), RoomsOf(c) };
        ns.Except("r2").SocketsLeave("r1", "also");
        await ReceivedBeforeFenceAsync(a, b, c);

        Assert.That(afterJoin, Is.EqualTo(new[] { "#id,also,joined,r1", "#id,also,joined,r1,r2", "#id" }));
        Assert.That(new[] { RoomsOf(a), RoomsOf(b), RoomsOf(c) }, Is.EqualTo(new[] { "#id,joined", "#id,also,joined,r1,r2", "#id" }));
        await ns.To("joined").EmitAsync("hi");
        Assert.That(await ReceivedBeforeFenceAsync(a, b, c), Is.EqualTo(new[] { "42[\"hi\"]", "42[\"hi\"]", "" }));
    }

    [Test]
    public async Task DisconnectsSelectedSockets()
    {
        var a = await ConnectAsync(0, rooms: ["r1"]);
        var b = await ConnectAsync(1, rooms: ["r1"]);
        var c = await ConnectAsync(2);
        var reasons = new[] { a, b, c }.Select(m => DisconnectRecorder.Attach(Server(m.Node).Sockets)).ToArray();

        await Server().Sockets.To("r1").Except(b.Id).DisconnectSocketsAsync();

        Assert.That(await a.Client.ReceiveAsync(), Is.EqualTo("41"));
        Assert.That(await reasons[0].ReasonOf(a.Id).DefaultTimeout(), Is.EqualTo("server namespace disconnect"));
        Assert.That(await ReceivedBeforeFenceAsync(b, c), Is.EqualTo(new[] { "", "" }));
        Assert.That(IdsOf(await Server().Sockets.FetchSocketsAsync(), a, b, c), Is.EqualTo("b,c"));
    }

    [Test]
    public async Task DisconnectsSelectedSocketsAndClosesTheirConnections()
    {
        var a = await ConnectAsync(0, rooms: ["r1"]);
        var b = await ConnectAsync(1);

        Server().Sockets.To("r1").DisconnectSockets(close: true);

        Assert.That(await a.Client.ReceiveUntilAsync("1"), Is.EqualTo(new[] { "41" }));
        await WaitUntilAsync(() => !Server(a.Node).Engine.TryGetSession(a.Client.Engine.Sid, out _));
        Assert.That(await ReceivedBeforeFenceAsync(b), Is.EqualTo(new[] { "" }));
    }
}
