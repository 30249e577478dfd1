using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// A socket suspended for connection state recovery keeps its closed Engine.IO session, but not that session's
/// connection: on a real Kestrel, the WebSocket transport (below the HTTP layer and through the HTTP upgrade) and the
/// request of an aborted long-poll become collectable once the connection ended; recovery still works afterwards.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class SuspendedSocketReleaseTests
{
    private static readonly TimeSpan ReleaseBound = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<WeakReference> _pollRequests = new();
    private SocketIOTestHost? _host;

    [TearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
        _pollRequests.Clear();
    }

    [TestCase(true, false, TestName = "{m}(direct, closing handshake)")]
    [TestCase(true, true, TestName = "{m}(direct, connection dropped)")]
    [TestCase(false, false, TestName = "{m}(http upgrade, closing handshake)")]
    [TestCase(false, true, TestName = "{m}(http upgrade, connection dropped)")]
    public async Task ASuspendedSocketLetsItsClosedWebSocketBeCollectedAndStillRecovers(bool directWebSockets, bool dropped)
    {
        var host = _host = await SocketIOTestHost.StartAsync(Recovery, directWebSockets: directWebSockets);
        var client = await RawSocketIOClient.ConnectAsync(host.BaseUrl);
        var answer = JsonDocument.Parse(client.ConnectAnswer[2..]).RootElement;
        var sid = answer.GetProperty("sid").GetString()!;
        var pid = answer.GetProperty("pid").GetString()!;
        Assert.That(host.Server.Sockets.TryGetSocket(sid, out var socket), Is.True);
        var transport = WeakTransportOf(socket);
        Assert.That(transport.IsAlive, Is.True, "the open session has its WebSocket");

        if (dropped)
        {
            client.Socket.Abort();
        }
        else
        {
            await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        }
        await client.DisposeAsync();
        Assert.That(await host.Reasons.ReasonOf(sid).DefaultTimeout(), Is.EqualTo("transport close"));
        Assert.That(socket.IsSuspended, Is.True, "the socket waits for its client to recover");

        Assert.That(await CollectedWithinAsync(transport, ReleaseBound), Is.True,
            "the closed session of a suspended socket still holds its WebSocket transport");
        Assert.That(socket.IsSuspended, Is.True, "releasing the transport keeps the suspended socket");

        socket.Emit("missed", 1);
        await using var again = await RawSocketIOClient.ConnectAsync(host.BaseUrl, $$"""40{"pid":"{{pid}}"}""");

        Assert.That(again.ConnectAnswer, Is.EqualTo(client.ConnectAnswer));
        Assert.That(await again.ReceiveAsync(), Is.EqualTo("""42["missed",1,"1"]"""));
        Assert.That(socket.Recovered, Is.True);
        Assert.That(socket.Connection.Session.CurrentWebSocket, Is.Not.Null, "the recovered socket runs on its new WebSocket");
        Assert.That(await again.EchoAsync("back"), Is.EqualTo("""430["back"]"""));
    }

    [Test]
    public async Task ASuspendedSocketLetsTheRequestOfItsAbortedLongPollBeCollected()
    {
        var host = _host = await SocketIOTestHost.StartAsync(Recovery, middleware: app => app.Use(TrackPollRequests));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var open = await http.GetStringAsync("/socket.io/?EIO=4&transport=polling").DefaultTimeout();
        var engineSid = JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString()!;
        var path = $"/socket.io/?EIO=4&transport=polling&sid={engineSid}";
        using (var connect = await http.PostAsync(path, new StringContent("40", Encoding.UTF8)).DefaultTimeout())
        {
            connect.EnsureSuccessStatusCode();
        }
        var answer = await http.GetStringAsync(path).DefaultTimeout();
        Assert.That(answer, Does.StartWith("40{"));
        var sid = JsonDocument.Parse(answer[2..]).RootElement.GetProperty("sid").GetString()!;
        Assert.That(host.Server.Sockets.TryGetSocket(sid, out var socket), Is.True);

        using var abort = new CancellationTokenSource();
        var poll = http.GetAsync(path, abort.Token);
        await WaitForPollRequestsAsync(2);
        abort.Cancel();
        Assert.That(async () => await poll, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await host.Reasons.ReasonOf(sid).DefaultTimeout(), Is.EqualTo("transport error"));
        Assert.That(socket.IsSuspended, Is.True, "the socket waits for its client to recover");

        Assert.That(await CollectedWithinAsync(_pollRequests.Last(), ReleaseBound), Is.True,
            "the closed session of a suspended socket still holds the request of its aborted long-poll");
        Assert.That(socket.IsSuspended, Is.True);
    }

    private static void Recovery(SocketIOServerOptions options) => options.ConnectionStateRecovery = new ConnectionStateRecoveryOptions();

    // Only a weak reference to each polling GET, so the tracking itself keeps no request alive.
    private Task TrackPollRequests(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Query.ContainsKey("sid"))
        {
            _pollRequests.Enqueue(new WeakReference(context));
        }
        return next(context);
    }

    private async Task WaitForPollRequestsAsync(int count)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(ReleaseBound.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (_pollRequests.Count < count)
        {
            Assert.That(TimeProvider.System.GetTimestamp(), Is.LessThan(deadline), "the long-poll never reached the server");
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
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
