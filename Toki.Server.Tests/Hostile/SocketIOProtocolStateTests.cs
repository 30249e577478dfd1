using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Packets that are well-formed but out of place, and frames with text a decoder cannot read: each closes the
/// connection as a parse error (as the reference server closes it), with nothing logged at error level. Runs on a
/// manual clock through the real engine with in-memory HTTP.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class SocketIOProtocolStateTests
{
    private FakeTimeProvider _time = null!;
    private FakeLogCollector _logs = null!;
    private ILoggerFactory _loggers = null!;
    private SocketIOServer _server = null!;
    private DisconnectRecorder _reasons = null!;
    private int _eventsHandled;

    [SetUp]
    public void CreateServer()
    {
        _time = new FakeTimeProvider();
        _logs = new FakeLogCollector();
        _loggers = FakeLoggerFactory.Create(_logs);
        _server = new SocketIOServer(new SocketIOServerOptions
        {
            Engine = new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) },
            ConnectTimeout = TimeSpan.FromDays(1),
        }, _time, _loggers);
        _eventsHandled = 0;
        _server.Sockets.OnUnhandledEvent(_ =>
        {
            Interlocked.Increment(ref _eventsHandled);
            return ValueTask.CompletedTask;
        });
        _reasons = DisconnectRecorder.Attach(_server.Sockets);
    }

    [TearDown]
    public async Task DisposeServer()
    {
        Assert.That(_logs.GetSnapshot().Where(entry => entry.Level >= LogLevel.Error), Is.Empty);
        await _server.DisposeAsync();
        _loggers.Dispose();
    }

    private static IEnumerable<TestCaseData> OutOfPlace()
    {
        yield return new TestCaseData(false, new[] { "41" }).SetName("DISCONNECT before any CONNECT");
        yield return new TestCaseData(false, new[] { "41/custom," }).SetName("DISCONNECT of a namespace never joined");
        yield return new TestCaseData(false, new[] { "42[\"x\"]" }).SetName("EVENT before CONNECT");
        yield return new TestCaseData(true, new[] { "40" }).SetName("second CONNECT to /");
        yield return new TestCaseData(true, new[] { "44{\"message\":\"x\"}" }).SetName("CONNECT_ERROR from the client");
        yield return new TestCaseData(true, new[] { "451-[\"x\",{\"_placeholder\":true,\"num\":1}]", "bAQID" }).SetName("placeholder num past the attachments");
        yield return new TestCaseData(true, new[] { "451-[\"x\",{\"_placeholder\":true,\"num\":-1}]", "bAQID" }).SetName("placeholder num negative");
        yield return new TestCaseData(true, new[] { "42[\"\\uD800\"]" }).SetName("event name a lone surrogate");
        yield return new TestCaseData(true, new[] { "421[\"\\uDC00\",1]" }).SetName("event name a lone low surrogate, with an ack id");
    }

    [TestCaseSource(nameof(OutOfPlace))]
    public async Task ClosesTheConnectionAsAParseError(bool connectFirst, string[] packets)
    {
        var socket = connectFirst ? await InProcessSocketIOClient.ConnectAsync(_server) : null;
        var client = socket?.Engine ?? await InProcessPollingClient.HandshakeAsync(_server.Engine);

        Assert.That(await client.PostAsync(string.Join('\u001e', packets)).DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Assert.That(_server.Engine.TryGetSession(client.Sid, out _), Is.False, "the connection is closed");
        Assert.That(_logs.GetSnapshot(), Has.Some.Matches<FakeLogRecord>(entry => entry.Id.Name == "SessionClosed" && entry.Message.Contains("parse error", StringComparison.Ordinal)));
        Assert.That(_eventsHandled, Is.Zero);
        if (socket is not null)
        {
            Assert.That(await _reasons.ReasonOf(socket.Id).DefaultTimeout(), Is.EqualTo(SocketIODisconnectReason.ParseError));
        }
    }

    [Test]
    public async Task AnEventWithALoneSurrogateInAnArgumentIsDelivered()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);

        await client.SendAsync("42[\"x\",\"\\uD800\"]");

        Assert.That(_eventsHandled, Is.EqualTo(1));
        Assert.That(_server.Engine.TryGetSession(client.Engine.Sid, out _), Is.True);
    }

    [Test]
    public async Task APollingTextPacketThatIsNotUtf8IsABadRequestAndClosesTheSession()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        byte[] body = [.. "42[\""u8, 0xED, 0xA0, 0x80, .. "\"]"u8];

        var answer = await InProcessPollingClient.SendAsync(_server.Engine, "POST", $"EIO=4&transport=polling&sid={client.Engine.Sid}", body).DefaultTimeout();

        Assert.That(answer, Is.EqualTo(new HttpAnswer(400, """{"code":3,"message":"Bad request"}""")));
        Assert.That(_server.Engine.TryGetSession(client.Engine.Sid, out _), Is.False);
        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo(SocketIODisconnectReason.ParseError));
        Assert.That(_eventsHandled, Is.Zero);
    }

    [Test]
    public async Task AnAuthStringWithALoneSurrogateReadsAsAbsent()
    {
        string? token = "unset";
        _server.Sockets.Use((socket, _) =>
        {
            token = socket.Handshake.GetAuthString("token");
            return ValueTask.FromResult(SocketIOMiddlewareResult.Continue);
        });

        await InProcessSocketIOClient.ConnectAsync(_server, auth: "{\"token\":\"\\uD800\"}");

        Assert.That(token, Is.Null);
    }
}
