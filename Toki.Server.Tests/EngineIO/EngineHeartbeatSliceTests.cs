using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// A heartbeat tick over more sessions than <see cref="EngineIOServer.SessionsPerSlice"/> checks them in slices, the
/// rest on the thread pool: every session is still pinged by that one tick, and once the tick is through, the next one
/// runs (the tick-in-progress guard is released by its last slice).
/// </summary>
[Category(TestCategories.Unit)]
public sealed class EngineHeartbeatSliceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task OneTickPingsEverySessionAndTheNextTickTimesThemAllOut()
    {
        var time = new FakeTimeProvider();
        var handler = new RecordingEngineHandler();
        await using var server = new EngineIOServer(
            new EngineIOOptions { PingInterval = Interval, PingTimeout = Timeout, HeartbeatResolution = TimeSpan.FromDays(1) },
            handler, time, NullLoggerFactory.Instance);
        var count = EngineIOServer.SessionsPerSlice * 3 + 5;
        var clients = new List<InProcessPollingClient>();
        for (var i = 0; i < count; i++)
        {
            clients.Add(await InProcessPollingClient.HandshakeAsync(server));
        }
        var polls = clients.Select(client => client.PollAsync()).ToArray();

        time.Advance(Interval);
        server.Tick();

        var answers = await Task.WhenAll(polls).DefaultTimeout();
        Assert.That(answers, Has.All.EqualTo(new HttpAnswer(200, "2")));

        // The pings' tick has released its guard: this one runs, and closes every session that did not answer.
        time.Advance(Timeout);
        await WaitUntilTickRunsAsync(server, () => server.SessionCount == 0);
        var reasons = await Task.WhenAll(clients.Select(client => handler.Sessions[client.Sid].Closed)).DefaultTimeout();
        Assert.That(reasons, Has.All.EqualTo("ping timeout ()"));
    }

    // The first slice of a tick runs on the caller; the last one may still be finishing on the thread pool when the
    // pings it wrote have arrived, and a tick started before then is skipped, so tick until the condition holds.
    private static async Task WaitUntilTickRunsAsync(EngineIOServer server, Func<bool> done)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            server.Tick();
            if (done())
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
        Assert.Fail("the sessions were never timed out");
    }
}
