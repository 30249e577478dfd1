using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Observability;

/// <summary>/metrics after real calls through official socket.io clients: each counter holds exactly what happened.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class MetricsEndpointTests
{
    private const string ScrapeKey = "scrape-key";

    private static async Task<PrometheusScrape> ScrapeAsync(CallKit kit)
    {
        using var http = new HttpClient { BaseAddress = kit.Server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey);
        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_scrape_after_real_calls_counts_exactly_what_happened()
    {
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?>
        {
            ["Metrics:Enabled"] = "true",
            ["Metrics:ApiKey"] = ScrapeKey,
        });
        var caller = await kit.UserAsync("mia");
        var callee = await kit.UserAsync("ned");
        var callId = await kit.StartCallAsync(caller, callee);
        for (var i = 0; i < 3; i++)
        {
            CallKit.AssertOk(await kit.Clients.EmitAsync(caller, "call:signal", new { callId, n = i }));
        }
        CallKit.AssertOk(await kit.Clients.EmitAsync(callee, "call:ice", new { callId }));
        CallKit.AssertError(await kit.Clients.EmitAsync(caller, "call:signal", new { callId = "nope" }), CallErrorCode.CallNotFound);
        var during = await ScrapeAsync(kit);

        CallKit.AssertOk(await kit.Clients.EmitAsync(caller, "call:end", new { callId }));
        await kit.Clients.NextEventAsync(callee, "call:peer-interrupted");
        CallKit.AssertOk(await kit.Clients.EmitAsync(caller, "call:rejoin", new { callId }));
        CallKit.AssertError(await kit.Clients.EmitAsync(caller, "call:rejoin", new { callId }), CallErrorCode.RejoinUsed);
        await Task.Delay(TimeSpan.FromMilliseconds(1100), TimeProvider.System);
        CallKit.AssertOk(await kit.Clients.EmitAsync(callee, "call:end", new { callId, permanent = true }));
        await kit.Clients.NextEventAsync(caller, "call:ended");
        var missed = await kit.RequestAsync(caller, callee);
        await kit.Clients.NextEventAsync(caller, "call:ended", TimeSpan.FromSeconds(10));
        kit.Clients.Disconnect(callee);
        await kit.Clients.NextRecordAsync(callee, "disconnect");
        var stored = (await kit.Server.Store.GetCallAsync(callId, CancellationToken.None))!;
        // The client has seen its disconnect; the server closes the session a moment later.
        var after = await ScrapeAsync(kit);
        for (var i = 0; i < 50 && after.Value("toki_engineio_sessions_closed_total", ("reason", "transport close")) is null; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            after = await ScrapeAsync(kit);
        }

        TestContext.Out.WriteLine(after.Text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(during.Value("toki_calls_live", ("status", "active")), Is.EqualTo(1), "one call active mid-call");
            Assert.That(after.Value("toki_calls_live", ("status", "active")), Is.Zero);
            Assert.That(after.Value("toki_calls_relays_total", ("outcome", "forwarded")), Is.EqualTo(4));
            Assert.That(after.Value("toki_calls_relays_total", ("outcome", "refused")), Is.EqualTo(1));
            Assert.That(after.Value("toki_calls_ended_total", ("status", "ended"), ("reason", "hung_up")), Is.EqualTo(1));
            Assert.That(after.Value("toki_calls_ended_total", ("status", "missed"), ("reason", "no_answer")), Is.EqualTo(1), missed);
            Assert.That(stored.CoinsCharged, Is.GreaterThan(0));
            Assert.That(after.Value("toki_calls_coins_charged_total"), Is.EqualTo(stored.CoinsCharged));
            Assert.That(after.Value("toki_calls_rejoins_total", ("outcome", "rejoined")), Is.EqualTo(1));
            Assert.That(after.Value("toki_calls_rejoins_total", ("outcome", "rejoin_used")), Is.EqualTo(1));
            // Placed, accepted, two joins, soft end, rejoin, hard end; then placed and missed: 9 commits.
            Assert.That(after.Value("toki_calls_store_commit_duration_seconds_count", ("outcome", "committed")), Is.EqualTo(9));
            Assert.That(after.Value("toki_calls_timer_lateness_seconds_count", ("timer", "call_deadline")), Is.GreaterThanOrEqualTo(1), "the ring timeout");
            Assert.That(after.Value("toki_engineio_sessions_opened_total", ("transport", "polling")), Is.EqualTo(2));
            Assert.That(after.Value("toki_engineio_sessions", ("transport", "websocket")), Is.EqualTo(1), "the caller's, upgraded");
            Assert.That(after.Value("toki_engineio_sessions_closed_total", ("reason", "transport close")), Is.EqualTo(1), "the callee's");
            Assert.That(after.Value("toki_socketio_sockets", ("namespace", "/")), Is.EqualTo(1));
            Assert.That(after.Value("toki_socketio_disconnects_total", ("reason", "client namespace disconnect")), Is.EqualTo(1));
            Assert.That(after.Value("toki_socketio_packets_total", ("direction", "in")), Is.GreaterThanOrEqualTo(14));
            Assert.That(after.Value("toki_socketio_packets_total", ("direction", "out")), Is.GreaterThan(after.Value("toki_socketio_packets_total", ("direction", "in"))!));
        }
    }

    [Test]
    public async Task The_endpoint_is_off_by_default_and_needs_its_key_when_on()
    {
        await using (var off = await TokiTestServer.StartAsync())
        {
            using var http = new HttpClient { BaseAddress = off.BaseUrl };
            Assert.That((await http.GetAsync("/metrics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        await using var on = await TokiTestServer.StartAsync(new Dictionary<string, string?> { ["Metrics:Enabled"] = "true", ["Metrics:ApiKey"] = ScrapeKey });
        using var anonymous = new HttpClient { BaseAddress = on.BaseUrl };
        Assert.That((await anonymous.GetAsync("/metrics")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.That((await anonymous.GetAsync("/metrics")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
