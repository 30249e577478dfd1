using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// Heartbeat deadlines on a manual clock. The heartbeat timer is set far out so each test calls
/// <see cref="EngineIOServer.Tick"/> itself at the exact instants it checks (one test covers the timer).
/// </summary>
[Category(TestCategories.Unit)]
public sealed class EngineHeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Epsilon = TimeSpan.FromMilliseconds(1);
    private FakeTimeProvider _time = null!;
    private RecordingEngineHandler _handler = null!;
    private EngineIOServer _server = null!;

    [SetUp]
    public void CreateServer() => CreateServer(TimeSpan.FromDays(1));

    [TearDown]
    public async Task DisposeServer() => await _server.DisposeAsync();

    [Test]
    public async Task PingsExactlyAfterTheInterval()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var poll = client.PollAsync();

        Advance(Interval - Epsilon);
        Assert.That(poll.IsCompleted, Is.False);
        Advance(Epsilon);

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));
    }

    [Test]
    public async Task ClosesExactlyAtThePingTimeoutWithoutPong()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        Advance(Interval);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));

        Advance(Timeout - Epsilon);
        Assert.That(_server.TryGetSession(client.Sid, out _), Is.True);
        Advance(Epsilon);

        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("ping timeout ()"));
        Assert.That(_server.SessionCount, Is.Zero);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, """{"code":1,"message":"Session ID unknown"}""")));
    }

    [Test]
    public async Task APongSchedulesTheNextPingFromItsArrival()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        Advance(Interval);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));
        Advance(TimeSpan.FromSeconds(5));
        Assert.That(await client.PostAsync("3").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));
        var poll = client.PollAsync();

        Advance(Interval - Epsilon);
        Assert.That(poll.IsCompleted, Is.False);
        Advance(Epsilon);

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));
        Assert.That(_handler.Sessions[client.Sid].Closed.IsCompleted, Is.False);
    }

    [Test]
    public async Task APongAfterTheDeadlineIsRefusedEvenBeforeTheTimerRuns()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        Advance(Interval);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));

        _time.Advance(Timeout);

        Assert.That(await client.PostAsync("3").DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, """{"code":1,"message":"Session ID unknown"}""")));
        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("ping timeout ()"));
    }

    [Test]
    public async Task MessagesDoNotCountAsPongs()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        Advance(Interval);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));
        Assert.That(await client.PostAsync("4still here").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Advance(Timeout);

        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("ping timeout ()"));
        Assert.That(_handler.Sessions[client.Sid].Messages, Is.EqualTo(new[] { "still here" }));
    }

    [Test]
    public async Task TheHeartbeatTimerDrivesTheDeadlinesByItself()
    {
        await _server.DisposeAsync();
        CreateServer(resolution: null);
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var poll = client.PollAsync();

        _time.Advance(Interval);
        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "2")));
        _time.Advance(Timeout);

        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("ping timeout ()"));
    }

    [Test]
    public async Task AClientPingClosesTheSession()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);

        Assert.That(await client.PostAsync("2").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (invalid heartbeat direction)"));
        Assert.That(_server.SessionCount, Is.Zero);
    }

    private void Advance(TimeSpan delta)
    {
        _time.Advance(delta);
        _server.Tick();
    }

    private void CreateServer(TimeSpan? resolution)
    {
        _time = new FakeTimeProvider();
        _handler = new RecordingEngineHandler();
        _server = new EngineIOServer(new EngineIOOptions { PingInterval = Interval, PingTimeout = Timeout, HeartbeatResolution = resolution },
            _handler, _time, NullLoggerFactory.Instance);
    }
}
