using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// Connection state recovery on a manual clock, through the real engine with in-memory HTTP: exact CONNECT
/// answers, replayed packets with their offsets, the recovery window, and the cases that must not recover.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class ConnectionStateRecoveryTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    private FakeTimeProvider _time = null!;
    private SocketIOServer _server = null!;
    private DisconnectRecorder _reasons = null!;
    private int _middlewareRuns;

    [SetUp]
    public void CreateServer() => CreateServer(new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = Window });

    [TearDown]
    public async Task DisposeServer() => await _server.DisposeAsync();

    [Test]
    public async Task ReplaysWhatWasMissedAfterTheClientsOffset()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        Assert.That(client.ConnectAnswer, Is.EqualTo($$"""40{"sid":"{{client.Id}}","pid":"{{client.Pid}}"}"""));
        var socket = Socket(client.Id);
        socket.Emit("seen", 1);
        Assert.That(await client.ReceiveAsync(), Is.EqualTo("""42["seen",1,"1"]"""));

        await client.SendAsync("1");
        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo("transport close"));
        socket.Emit("missed", 2);
        _server.Sockets.Emit("missed-too", new { n = 3 });
        var again = await Reconnect(client, offset: "1");

        Assert.That(again.ConnectAnswer, Is.EqualTo(client.ConnectAnswer));
        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["missed",2,"2"]"""));
        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["missed-too",{"n":3},"3"]"""));
        Assert.That(Socket(client.Id), Is.SameAs(socket));
        Assert.That(socket.Recovered, Is.True);
        Assert.That(socket.ConnectionId, Is.EqualTo(again.Engine.Sid));
    }

    [Test]
    public async Task RecoversWhenNoEventWasSeenBeforeTheDrop()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var socket = Socket(client.Id);
        await client.SendAsync("1");
        socket.Emit("while-away", "a");
        socket.Emit("while-away", "b");

        var again = await Reconnect(client, offset: null);

        Assert.That(again.ConnectAnswer, Is.EqualTo(client.ConnectAnswer));
        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["while-away","a","1"]"""));
        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["while-away","b","2"]"""));
    }

    [Test]
    public async Task RecoversOnEveryDropOfTheSameSocket()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var socket = Socket(client.Id);
        string? lastOffset = null;
        var offset = 0;
        for (var drop = 1; drop <= 3; drop++)
        {
            await client.SendAsync("1");
            socket.Emit("away", drop);
            _reasons.Reset(client.Id);

            client = await Reconnect(client, lastOffset);

            Assert.That(client.Id, Is.EqualTo(socket.Id), $"drop {drop}");
            Assert.That(await client.ReceiveAsync(), Is.EqualTo($"42[\"away\",{drop},\"{++offset}\"]"), $"drop {drop}");
            socket.Emit("back", drop);
            Assert.That(await client.ReceiveAsync(), Is.EqualTo($"42[\"back\",{drop},\"{++offset}\"]"), $"drop {drop}");
            lastOffset = offset.ToString();
        }
    }

    [Test]
    public async Task RestoresRoomsAndData()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var socket = Socket(client.Id);
        socket.Join("room");
        socket.Data = "alice";
        await client.SendAsync("1");

        var again = await Reconnect(client, offset: null);
        _server.Sockets.To("room").Emit("in-room");

        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["in-room","1"]"""));
        Assert.That(socket.Rooms, Is.EquivalentTo(new[] { socket.Id, "room" }));
        Assert.That(socket.Data, Is.EqualTo("alice"));
    }

    [Test]
    public async Task RecoversAtExactlyTheEndOfTheWindow()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        await client.SendAsync("1");

        _time.Advance(Window);

        Assert.That((await Reconnect(client, offset: null)).Id, Is.EqualTo(client.Id));
    }

    [Test]
    public async Task DoesNotRecoverAfterTheWindow()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        await client.SendAsync("1");

        _time.Advance(Window + TimeSpan.FromMilliseconds(1));
        var again = await Reconnect(client, offset: null);

        Assert.That(again.Id, Is.Not.EqualTo(client.Id));
        Assert.That(again.Pid, Is.Not.EqualTo(client.Pid));
        Assert.That(Socket(again.Id).Recovered, Is.False);
    }

    [Test]
    public async Task TheSweeperForgetsExpiredSockets()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        Socket(client.Id).Join("room");
        await client.SendAsync("1");
        Assert.That(_server.Sockets.Adapter.GetAllRooms(), Is.EquivalentTo(new[] { client.Id, "room" }), "a suspended socket keeps its rooms");

        _time.Advance(Window + TimeSpan.FromSeconds(10));

        Assert.That(_server.Sockets.Adapter.GetAllRooms(), Is.Empty);
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData("{\"pid\":\"unknown\"}", null).SetName("unknown pid");
        yield return new TestCaseData("{\"pid\":\"PID\",\"offset\":\"999\"}", null).SetName("offset never sent");
        yield return new TestCaseData("{\"pid\":\"PID\"}", 3).SetName("more missed packets than the buffer holds");
        yield return new TestCaseData("{\"pid\":1}", null).SetName("pid that is not a string");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task StartsANewSessionWhenTheStateCannotBeRecovered(string auth, int? missed)
    {
        await _server.DisposeAsync();
        CreateServer(new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = Window, MaxBufferedPackets = 2 });
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var socket = Socket(client.Id);
        await client.SendAsync("1");
        for (var i = 0; i < (missed ?? 0); i++)
        {
            socket.Emit("x");
        }

        var again = await InProcessSocketIOClient.ConnectAsync(_server, "/", auth.Replace("PID", client.Pid));

        Assert.That(again.Id, Is.Not.EqualTo(client.Id));
        Assert.That(again.ConnectAnswer, Is.EqualTo($$"""40{"sid":"{{again.Id}}","pid":"{{again.Pid}}"}"""));
        Assert.That(Socket(again.Id).Recovered, Is.False);
    }

    [TestCase("client namespace disconnect")]
    [TestCase("server namespace disconnect")]
    [TestCase("parse error")]
    public async Task DoesNotRecoverAfterADeliberateDisconnect(string reason)
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);

        switch (reason)
        {
            case "client namespace disconnect":
                await client.SendAsync("41");
                break;
            case "server namespace disconnect":
                Socket(client.Id).Disconnect();
                break;
            default:
                await client.SendAsync("4x");
                break;
        }

        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo(reason));
        Assert.That((await Reconnect(client, offset: null)).Id, Is.Not.EqualTo(client.Id));
    }

    [Test]
    public async Task APingTimeoutIsRecoverable()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);

        _time.Advance(TimeSpan.FromSeconds(25));
        _server.Engine.Tick();
        _time.Advance(TimeSpan.FromSeconds(20));
        _server.Engine.Tick();

        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo("ping timeout"));
        Assert.That((await Reconnect(client, offset: null)).Id, Is.EqualTo(client.Id));
    }

    [Test]
    public async Task SkipsMiddlewaresOnRecoveryByDefault()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        await client.SendAsync("1");

        await Reconnect(client, offset: null);

        Assert.That(_middlewareRuns, Is.EqualTo(1));
    }

    [Test]
    public async Task RunsMiddlewaresOnRecoveryWhenAskedAndHonoursARejection()
    {
        await _server.DisposeAsync();
        CreateServer(new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = Window, SkipMiddlewares = false });
        var recovering = new List<bool>();
        _server.Sockets.Use((socket, _) =>
        {
            recovering.Add(socket.Recovered);
            return ValueTask.FromResult(_middlewareRuns == 2 ? SocketIOMiddlewareResult.Reject("banned") : SocketIOMiddlewareResult.Continue);
        });
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        await client.SendAsync("1");

        var refused = await InProcessSocketIOClient.OpenAsync(_server, "/", $$"""{"pid":"{{client.Pid}}"}""");
        Assert.That(_middlewareRuns, Is.EqualTo(2));
        Assert.That(refused.ConnectAnswer, Is.EqualTo("""44{"message":"banned"}"""));
        Assert.That(_server.Sockets.Adapter.GetAllRooms(), Does.Contain(client.Id), "a refused recovery leaves the session to its rightful client");

        var again = await InProcessSocketIOClient.OpenAsync(_server, "/", $$"""{"pid":"{{client.Pid}}"}""");
        Assert.That(again.ConnectAnswer, Is.EqualTo(client.ConnectAnswer), "recovered once the middlewares accept");
        Assert.That(recovering, Is.EqualTo(new[] { false, true, true }), "middlewares see Recovered on a recovery");
    }

    [Test]
    public async Task AMiddlewareMayDeclineTheRecoveryAndAdmitTheClientOnANewSocket()
    {
        await _server.DisposeAsync();
        CreateServer(new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = Window, SkipMiddlewares = false });
        var first = true;
        _server.Sockets.Use((socket, _) =>
        {
            if (first)
            {
                first = false;
                socket.Data = "alice";
            }
            else if (!socket.Recovered)
            {
                socket.Data = "bob";
            }
            return ValueTask.FromResult(socket.Recovered ? SocketIOMiddlewareResult.ContinueWithoutRecovery : SocketIOMiddlewareResult.Continue);
        });
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        await client.SendAsync("1");

        var fresh = await InProcessSocketIOClient.OpenAsync(_server, "/", $$"""{"pid":"{{client.Pid}}"}""");

        Assert.That((fresh.Id, fresh.Pid), Is.Not.EqualTo((client.Id, client.Pid)), "a new socket with a new session");
        var socket = Socket(fresh.Id);
        Assert.That((socket.Recovered, socket.Data), Is.EqualTo((false, (object)"bob")));
        Assert.That(_middlewareRuns, Is.EqualTo(3), "the middlewares ran again on the new socket");
        Assert.That(_server.Sockets.Adapter.GetAllRooms(), Does.Contain(client.Id), "the declined session stays recoverable");
    }

    [Test]
    public async Task WithoutRecoveryThereIsNoPidAndNoOffset()
    {
        await _server.DisposeAsync();
        CreateServer(recovery: null);
        var client = await InProcessSocketIOClient.ConnectAsync(_server);

        Socket(client.Id).Emit("e", 1);

        Assert.That(client.ConnectAnswer, Is.EqualTo($$"""40{"sid":"{{client.Id}}"}"""));
        Assert.That(await client.ReceiveAsync(), Is.EqualTo("""42["e",1]"""));
        await client.SendAsync("1");
        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo("transport close"));
        Assert.That(_server.Sockets.Adapter.GetAllRooms(), Is.Empty);
    }

    private Task<InProcessSocketIOClient> Reconnect(InProcessSocketIOClient previous, string? offset) =>
        InProcessSocketIOClient.OpenAsync(_server, "/", offset is null
            ? $$"""{"pid":"{{previous.Pid}}"}"""
            : $$"""{"pid":"{{previous.Pid}}","offset":"{{offset}}"}""");

    private SocketIOSocket Socket(string id)
    {
        Assert.That(_server.Sockets.TryGetSocket(id, out var socket), Is.True, $"socket {id} is connected");
        return socket;
    }

    private void CreateServer(ConnectionStateRecoveryOptions? recovery)
    {
        _time = new FakeTimeProvider();
        _middlewareRuns = 0;
        _server = new SocketIOServer(new SocketIOServerOptions
        {
            ConnectionStateRecovery = recovery,
            Engine = new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) },
            ConnectTimeout = TimeSpan.FromDays(1),
        }, _time, NullLoggerFactory.Instance);
        _server.Sockets.Use((_, _) =>
        {
            Interlocked.Increment(ref _middlewareRuns);
            return ValueTask.FromResult(SocketIOMiddlewareResult.Continue);
        });
        _reasons = DisconnectRecorder.Attach(_server.Sockets);
    }
}
