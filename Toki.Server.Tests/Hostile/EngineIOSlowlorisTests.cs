using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A request head sent slowly to the direct WebSocket path, on a real Kestrel whose connection middleware runs on a
/// manual clock: the head has one deadline from its first byte (Kestrel's RequestHeadersTimeout) and is answered 408
/// at it, instead of being handed to Kestrel and timed again; a silent connection is closed after the keep-alive
/// timeout.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class EngineIOSlowlorisTests
{
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(130);
    private static readonly TimeSpan Epsilon = TimeSpan.FromMilliseconds(1);
    private const string Head = "GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    private ObservedFakeTimeProvider _time = null!;
    private KestrelTestHost _host = null!;
    private EngineIOServer _server = null!;

    [SetUp]
    public async Task StartHost()
    {
        _time = new ObservedFakeTimeProvider();
        var routes = new EngineIOConnectionRoutes();
        _host = await KestrelTestHost.StartAsync(app =>
        {
            _server = new EngineIOServer(new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) }, new RecordingEngineHandler(), _time,
                NullLoggerFactory.Instance);
            routes.Add("/engine.io/", _server);
        }, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(_time);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Limits.RequestHeadersTimeout = HeadTimeout;
                kestrel.Limits.KeepAliveTimeout = IdleTimeout;
            });
            builder.WebHost.UseEngineIOConnections(routes);
        });
    }

    [TearDown]
    public async Task StopHost()
    {
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task AnUnfinishedHeadIsAnsweredWithATimeoutAtItsDeadline()
    {
        using var socket = await ConnectAsync();
        await SendAndAwaitTimerAsync(socket, Head[..20]);

        _time.Advance(HeadTimeout - Epsilon);
        await socket.SendAsync(Encoding.ASCII.GetBytes(Head[20..40])).DefaultTimeout();
        _time.Advance(Epsilon);

        Assert.That(await SocketReads.ReadToEndAsync(socket).DefaultTimeout(), Does.StartWith("HTTP/1.1 408 Request Timeout\r\n"));
    }

    [Test]
    public async Task AHeadFinishedJustBeforeItsDeadlineIsServed()
    {
        using var socket = await ConnectAsync();
        await SendAndAwaitTimerAsync(socket, Head[..20]);

        _time.Advance(HeadTimeout - Epsilon);
        await socket.SendAsync(Encoding.ASCII.GetBytes(Head[20..])).DefaultTimeout();

        Assert.That(await ReadHeadAsync(socket).DefaultTimeout(), Does.StartWith("HTTP/1.1 101 Switching Protocols\r\n"));
    }

    [Test]
    public async Task TheDeadlineRunsFromTheFirstByteNotFromTheConnection()
    {
        using var socket = await ConnectAsync();
        _time.Advance(IdleTimeout - TimeSpan.FromSeconds(1));
        await SendAndAwaitTimerAsync(socket, Head[..20]);

        _time.Advance(HeadTimeout - Epsilon);
        await socket.SendAsync(Encoding.ASCII.GetBytes(Head[20..])).DefaultTimeout();

        Assert.That(await ReadHeadAsync(socket).DefaultTimeout(), Does.StartWith("HTTP/1.1 101 Switching Protocols\r\n"));
    }

    [Test]
    public async Task ASilentConnectionIsClosedAfterTheKeepAliveTimeout()
    {
        using var socket = await ConnectAsync();

        _time.Advance(IdleTimeout);

        Assert.That(await SocketReads.ReadToEndAsync(socket).DefaultTimeout(), Is.Empty);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_host.BaseUrl.Host, _host.BaseUrl.Port).DefaultTimeout();
        var idleEnds = _time.GetUtcNow() + IdleTimeout;
        await WaitUntilAsync(() => _time.HasTimerDueAt(idleEnds));
        return socket;
    }

    /// <summary>Sends the first bytes of the head, then waits until the server has armed the head's deadline.</summary>
    private async Task SendAndAwaitTimerAsync(Socket socket, string text)
    {
        var deadline = _time.GetUtcNow() + HeadTimeout;
        await socket.SendAsync(Encoding.ASCII.GetBytes(text)).DefaultTimeout();
        await WaitUntilAsync(() => _time.HasTimerDueAt(deadline));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUp = TimeProvider.System.GetTimestamp() + (long)(TaskTimeoutExtensions.Timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            Assert.That(TimeProvider.System.GetTimestamp(), Is.LessThan(giveUp), "the server never got there");
            await Task.Yield();
        }
    }

    private static async Task<string> ReadHeadAsync(Socket socket)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await socket.ReceiveAsync(one) == 1)
        {
            text.Append((char)one[0]);
        }
        return text.ToString();
    }
}
