using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Protocol;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>Polling session behaviour on a manual clock: delivery, close and linger, overlaps, bounds.</summary>
[Category(TestCategories.Unit)]
public sealed class EngineSessionTests
{
    private const string UnknownSid = """{"code":1,"message":"Session ID unknown"}""";
    private FakeTimeProvider _time = null!;
    private RecordingEngineHandler _handler = null!;
    private EngineIOServer _server = null!;

    [SetUp]
    public void CreateServer()
    {
        _time = new FakeTimeProvider();
        _handler = new RecordingEngineHandler();
        _server = new EngineIOServer(new EngineIOOptions { CloseTimeout = TimeSpan.FromSeconds(30), MaxQueuedFrames = 16, MaxPayload = 1024, MaxQueuedBytes = 4096 },
            _handler, _time, NullLoggerFactory.Instance);
    }

    [TearDown]
    public async Task DisposeServer() => await _server.DisposeAsync();

    [Test]
    public async Task TheHandshakeAnswersTheOpenPacket()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);

        Assert.That(client.OpenPacket, Is.EqualTo($$"""0{"sid":"{{client.Sid}}","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1024}"""));
        Assert.That(client.Sid, Has.Length.EqualTo(20));
        Assert.That(_server.SessionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task DeliversPostedPacketsInOrderAndBatchesQueuedFrames()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var session = _handler.Sessions[client.Sid];

        Assert.That(await client.PostAsync("4a\u001ebAQID\u001e6\u001e4\u20ac").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));
        session.Engine.Send(EngineFrame.Message("x"));
        session.Engine.Send([EngineFrame.Message("y"), EngineFrame.Binary(new byte[] { 255 })]);

        Assert.That(session.Messages, Is.EqualTo(new[] { "a", "b:010203", "\u20ac" }));
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "4x\u001e4y\u001eb/w==")));
    }

    [Test]
    public async Task APendingPollIsAnsweredByTheNextSend()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var poll = client.PollAsync();
        Assert.That(poll.IsCompleted, Is.False);

        _handler.Sessions[client.Sid].Engine.Send(EngineFrame.Message("late"));

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "4late")));
    }

    [Test]
    public async Task AServerCloseFlushesToTheNextPollThenForgetsTheSession()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var session = _handler.Sessions[client.Sid];
        session.Engine.Send(EngineFrame.Message("bye"));

        session.Engine.Close();

        Assert.That(await session.Closed.DefaultTimeout(), Is.EqualTo("forced close ()"));
        Assert.That(_server.TryGetSession(client.Sid, out _), Is.True, "lingers for the last poll");
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "4bye\u001e1")));
        Assert.That(_server.TryGetSession(client.Sid, out _), Is.False);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
    }

    [Test]
    public async Task ALingeringSessionIsForgottenAfterTheCloseTimeout()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        _handler.Sessions[client.Sid].Engine.Close();

        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        _server.Tick();
        Assert.That(_server.TryGetSession(client.Sid, out _), Is.True);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _server.Tick();

        Assert.That(_server.TryGetSession(client.Sid, out _), Is.False);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
    }

    [Test]
    public async Task AServerCloseAnswersAPendingPollWithTheClosePacket()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var poll = client.PollAsync();

        _handler.Sessions[client.Sid].Engine.Close();

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "1")));
        Assert.That(_server.TryGetSession(client.Sid, out _), Is.False);
    }

    [Test]
    public async Task AClientCloseAnswersAPendingPollWithNoop()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var poll = client.PollAsync();

        Assert.That(await client.PostAsync("1").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "6")));
        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("transport close (close packet)"));
        Assert.That(_server.SessionCount, Is.Zero);
    }

    [Test]
    public async Task PacketsAfterAClosePacketInTheSamePayloadAreNotDelivered()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);

        Assert.That(await client.PostAsync("4a\u001e1\u001e4b").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Assert.That(_handler.Sessions[client.Sid].Messages, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task TwoConcurrentPollsCloseTheSession()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var first = client.PollAsync();

        var second = await client.PollAsync().DefaultTimeout();

        Assert.That(second, Is.EqualTo(new HttpAnswer(400, """{"code":3,"message":"Bad request"}""")));
        Assert.That(await first.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "1")));
        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (overlap from client)"));
    }

    [Test]
    public async Task AnAbortedPollClosesTheSession()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        using var abort = new CancellationTokenSource();
        var poll = client.PollAsync(abort.Token);

        await abort.CancelAsync();

        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (poll connection closed prematurely)"));
        Assert.That((await poll.DefaultTimeout()).Status, Is.EqualTo(200));
        Assert.That(_server.SessionCount, Is.Zero);
    }

    [Test]
    public async Task ExceedingTheSendBoundsClosesTheSlowConsumer()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);
        var session = _handler.Sessions[client.Sid];

        var accepted = Enumerable.Range(0, 17).Select(i => session.Engine.Send(EngineFrame.Message($"{i}"))).ToList();

        Assert.That(accepted.Take(16), Is.All.True);
        Assert.That(accepted[16], Is.False);
        Assert.That(await session.Closed.DefaultTimeout(), Is.EqualTo("transport error (send buffer full)"));
        Assert.That(session.Engine.Send(EngineFrame.Message("more")), Is.False);
    }

    [Test]
    public async Task AnOversizedBodyIsRefusedAndClosesTheSession()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);

        var answer = await client.PostAsync("4" + new string('x', 1024)).DefaultTimeout();

        Assert.That(answer, Is.EqualTo(new HttpAnswer(413, """{"code":7,"message":"Payload too large"}""")));
        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (max payload exceeded)"));
        Assert.That(_handler.Sessions[client.Sid].Messages, Is.Empty);
    }

    [Test]
    public async Task ABodyOfExactlyTheMaximumIsAccepted()
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);

        var answer = await client.PostAsync("4" + new string('x', 1023)).DefaultTimeout();

        Assert.That(answer, Is.EqualTo(new HttpAnswer(200, "ok")));
        Assert.That(_handler.Sessions[client.Sid].Messages.Single(), Has.Length.EqualTo(1023));
    }

    [TestCase("", "invalid payload", TestName = "empty body")]
    [TestCase("4a\u001e9", "invalid payload", TestName = "unknown packet type after a valid one")]
    [TestCase("bAQ", "invalid payload", TestName = "broken base64")]
    public async Task AnUndecodableBodyIsABadRequestAndAParseError(string body, string description)
    {
        var client = await InProcessPollingClient.HandshakeAsync(_server);

        var answer = await client.PostAsync(body).DefaultTimeout();

        Assert.That(answer, Is.EqualTo(new HttpAnswer(400, """{"code":3,"message":"Bad request"}""")));
        Assert.That(await _handler.Sessions[client.Sid].Closed.DefaultTimeout(), Is.EqualTo($"parse error ({description})"));
        Assert.That(_handler.Sessions[client.Sid].Messages, Is.Empty, "nothing of a refused payload is delivered");
    }
}
