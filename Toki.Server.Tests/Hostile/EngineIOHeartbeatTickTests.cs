using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// The heartbeat tick on a manual clock: one tick at a time (a tick that finds another running is skipped), and a
/// session whose check throws neither escapes the timer callback nor keeps the other sessions from being checked.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class EngineIOHeartbeatTickTests
{
    private static readonly EngineIOOptions Options = new()
    {
        PingInterval = TimeSpan.FromSeconds(25),
        PingTimeout = TimeSpan.FromSeconds(20),
        HeartbeatResolution = TimeSpan.FromDays(1),
    };

    [Test]
    public async Task ASessionWhoseCheckThrowsDoesNotStopTheTickNorEscapeIt()
    {
        var time = new FakeTimeProvider();
        var logs = new FakeLogCollector();
        using var loggers = FakeLoggerFactory.Create(logs, throwOn: "SessionClosed");
        var handler = new RecordingEngineHandler();
        await using var server = new EngineIOServer(Options, handler, time, loggers);
        var first = await InProcessPollingClient.HandshakeAsync(server);
        var second = await InProcessPollingClient.HandshakeAsync(server);

        time.Advance(Options.PingInterval);
        server.Tick();
        time.Advance(Options.PingTimeout);

        Assert.DoesNotThrow(server.Tick);
        Assert.That(server.TryGetSession(first.Sid, out _), Is.False);
        Assert.That(server.TryGetSession(second.Sid, out _), Is.False);
        Assert.That(logs.GetSnapshot().Count(entry => entry is { Level: LogLevel.Error, Id.Name: "TickFailed" }), Is.EqualTo(2));
    }

    [Test]
    public async Task ATickThatFindsAnotherRunningIsSkipped()
    {
        var time = new FakeTimeProvider();
        var logs = new FakeLogCollector();
        using var loggers = FakeLoggerFactory.Create(logs);
        var handler = new BlockingCloseHandler();
        await using var server = new EngineIOServer(Options, handler, time, loggers);
        await InProcessPollingClient.HandshakeAsync(server);
        await InProcessPollingClient.HandshakeAsync(server);
        time.Advance(Options.PingInterval);
        server.Tick();
        time.Advance(Options.PingTimeout);

        // The first tick closes one session and stays inside its close handler until released.
        var running = Task.Run(server.Tick);
        await handler.FirstCloseEntered.DefaultTimeout();
        server.Tick();

        Assert.That(handler.Closes, Is.EqualTo(1), "the overlapping tick checked nothing");
        Assert.That(logs.GetSnapshot().Any(entry => entry is { Level: LogLevel.Warning, Id.Name: "TickSkipped" }), Is.True);
        handler.Release.SetResult();
        await running.DefaultTimeout();
        Assert.That(handler.Closes, Is.EqualTo(2), "the running tick went on to the other session");
    }

    private sealed class BlockingCloseHandler : IEngineIOHandler, IEngineIOSessionHandler
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _closes;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstCloseEntered => _entered.Task;

        public int Closes => Volatile.Read(ref _closes);

        public IEngineIOSessionHandler OnOpen(EngineIOSession session) => this;

        public void OnMessage(ReadOnlySpan<byte> utf8)
        {
        }

        public void OnBinaryMessage(ReadOnlySpan<byte> data)
        {
        }

        public void OnClose(EngineCloseReason reason, string? description)
        {
            if (Interlocked.Increment(ref _closes) == 1)
            {
                _entered.SetResult();
                Release.Task.Wait(TaskTimeoutExtensions.Timeout);
            }
        }
    }
}
