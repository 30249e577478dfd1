using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// A socket suspended for connection state recovery keeps its closed Engine.IO session, but not that session's
/// connection: the WebSocket transport (and through it Kestrel's connection and pipes) must become collectable once
/// the connection ended, on a real Kestrel, below the HTTP layer and through the HTTP upgrade; recovery still works.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
[Category(TestCategories.Functional)]
public sealed class SuspendedSocketReleaseTests(bool directWebSockets)
{
    private static readonly TimeSpan ReleaseBound = TimeSpan.FromSeconds(10);
    private SocketIOTestHost _host = null!;

    [SetUp]
    public async Task StartHost() => _host = await SocketIOTestHost.StartAsync(
        options => options.ConnectionStateRecovery = new ConnectionStateRecoveryOptions(), directWebSockets: directWebSockets);

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task ASuspendedSocketLetsItsClosedTransportBeCollectedAndStillRecovers()
    {
        var client = await RawSocketIOClient.ConnectAsync(_host.BaseUrl);
        var answer = JsonDocument.Parse(client.ConnectAnswer[2..]).RootElement;
        var sid = answer.GetProperty("sid").GetString()!;
        var pid = answer.GetProperty("pid").GetString()!;
        Assert.That(_host.Server.Sockets.TryGetSocket(sid, out var socket), Is.True);
        var transport = WeakTransportOf(socket);
        Assert.That(transport.IsAlive, Is.True, "the open session has its WebSocket");

        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        await client.DisposeAsync();
        Assert.That(await _host.Reasons.ReasonOf(sid).DefaultTimeout(), Is.EqualTo("transport close"));
        Assert.That(socket.IsSuspended, Is.True, "the socket waits for its client to recover");

        Assert.That(await CollectedWithinAsync(transport, ReleaseBound), Is.True,
            "the closed session of a suspended socket still holds its WebSocket transport");
        Assert.That(socket.IsSuspended, Is.True, "releasing the transport keeps the suspended socket");

        socket.Emit("missed", 1);
        await using var again = await RawSocketIOClient.ConnectAsync(_host.BaseUrl, $$"""40{"pid":"{{pid}}"}""");

        Assert.That(again.ConnectAnswer, Is.EqualTo(client.ConnectAnswer));
        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["missed",1,"1"]"""));
        Assert.That(socket.Recovered, Is.True);
        Assert.That(socket.Connection.Session.CurrentWebSocket, Is.Not.Null, "the recovered socket runs on its new WebSocket");
        Assert.That(await again.EchoAsync("back"), Is.EqualTo("""430["back"]"""));
    }

    // Not inlined, so no local of the test method keeps the transport reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakTransportOf(SocketIOSocket socket) =>
        new(socket.Connection.Session.CurrentWebSocket ?? throw new AssertionException("the session has no WebSocket"));

    // The session lets go once its read loop and writer are done with the connection, shortly after the close.
    private static async Task<bool> CollectedWithinAsync(WeakReference reference, TimeSpan bound)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(bound.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!reference.IsAlive)
            {
                return true;
            }
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
