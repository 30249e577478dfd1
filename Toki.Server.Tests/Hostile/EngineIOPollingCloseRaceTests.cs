using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A GET and a close packet (POST "1") sent at the same moment on one polling session: whichever the server handles
/// first, the GET is answered 200 with noop, and only a later GET gets "Session ID unknown" (the official suite's
/// "forcefully closes the session").
/// </summary>
[Category(TestCategories.Functional)]
public sealed class EngineIOPollingCloseRaceTests
{
    private const string UnknownSid = """{"code":1,"message":"Session ID unknown"}""";
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task AGetHandledAfterTheCloseIsAnsweredWithNoopThenTheSessionIsGone()
    {
        var time = new FakeTimeProvider();
        await using var server = new EngineIOServer(new EngineIOOptions { CloseTimeout = CloseTimeout, HeartbeatResolution = TimeSpan.FromDays(1) },
            new RecordingEngineHandler(), time, NullLoggerFactory.Instance);
        var client = await InProcessPollingClient.HandshakeAsync(server);

        Assert.That(await client.PostAsync("1").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "6")));
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
        Assert.That(server.SessionCount, Is.Zero);
    }

    [Test]
    public async Task AGetHandledBeforeTheCloseIsAnsweredWithNoopAndNoLaterGetIs()
    {
        var time = new FakeTimeProvider();
        await using var server = new EngineIOServer(new EngineIOOptions { CloseTimeout = CloseTimeout, HeartbeatResolution = TimeSpan.FromDays(1) },
            new RecordingEngineHandler(), time, NullLoggerFactory.Instance);
        var client = await InProcessPollingClient.HandshakeAsync(server);
        var poll = client.PollAsync();

        Assert.That(await client.PostAsync("1").DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "ok")));

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "6")));
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
    }

    [Test]
    public async Task TheNoopWaitsNoLongerThanTheCloseTimeout()
    {
        var time = new FakeTimeProvider();
        await using var server = new EngineIOServer(new EngineIOOptions { CloseTimeout = CloseTimeout, HeartbeatResolution = TimeSpan.FromDays(1) },
            new RecordingEngineHandler(), time, NullLoggerFactory.Instance);
        var client = await InProcessPollingClient.HandshakeAsync(server);
        await client.PostAsync("1").DefaultTimeout();

        time.Advance(CloseTimeout - TimeSpan.FromMilliseconds(1));
        server.Tick();
        Assert.That(server.SessionCount, Is.EqualTo(1));
        time.Advance(TimeSpan.FromMilliseconds(1));
        server.Tick();

        Assert.That(server.SessionCount, Is.Zero);
        Assert.That(await client.PollAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
    }

    [Test]
    public async Task TwoHundredRacesOnARealServerAllAnswerTheGet()
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions());
        var endpoint = host.Http.BaseAddress!;
        // Two kept-alive connections, so that both requests leave at once instead of one waiting for a connect.
        using var getter = await EngineIORawHttpConnection.ConnectAsync(endpoint);
        using var poster = await EngineIORawHttpConnection.ConnectAsync(endpoint);
        var failures = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var open = await getter.SendAsync("GET", "EIO=4&transport=polling");
            var query = $"EIO=4&transport=polling&sid={open.Body[9..29]}";
            // Both leave together from two threads: either may reach its handler first, as with any two clients.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var poll = Task.Run(async () => { await go.Task; return await getter.SendAsync("GET", query); });
            var close = Task.Run(async () => { await go.Task; return await poster.SendAsync("POST", query, "1"); });
            go.SetResult();
            var answers = await Task.WhenAll(poll, close).DefaultTimeout();
            var after = await getter.SendAsync("GET", query).DefaultTimeout();
            if (answers[0] != new HttpAnswer(200, "6") || answers[1] != new HttpAnswer(200, "ok") || after.Status != 400)
            {
                failures.Add($"#{i}: GET {answers[0]}, POST {answers[1]}, GET after {after}");
            }
        }
        Assert.That(failures, Is.Empty);
    }
}
