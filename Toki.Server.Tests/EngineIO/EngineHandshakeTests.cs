using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>Who may open a session: the session limit, the application's veto and the CORS allow-list.</summary>
[Category(TestCategories.Unit)]
public sealed class EngineHandshakeTests
{
    private const string Handshake = "EIO=4&transport=polling";

    [Test]
    public async Task RefusesHandshakesBeyondTheSessionLimit()
    {
        await using var server = Create(new EngineIOOptions { MaxSessions = 2 });
        await InProcessPollingClient.HandshakeAsync(server);
        await InProcessPollingClient.HandshakeAsync(server);

        var answer = await InProcessPollingClient.SendAsync(server, "GET", Handshake);

        Assert.That(answer, Is.EqualTo(new HttpAnswer(503, """{"code":6,"message":"Too many sessions"}""")));
        Assert.That(server.SessionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task AClosedSessionGivesItsPlaceUnderTheLimitBack()
    {
        await using var server = Create(new EngineIOOptions { MaxSessions = 2 }, out var handler);
        var first = await InProcessPollingClient.HandshakeAsync(server);
        await InProcessPollingClient.HandshakeAsync(server);

        var poll = first.PollAsync();
        handler.Sessions[first.Sid].Engine.Close();
        var closed = await poll.DefaultTimeout();
        var afterClose = await InProcessPollingClient.SendAsync(server, "GET", Handshake);
        var beyond = await InProcessPollingClient.SendAsync(server, "GET", Handshake);

        Assert.That(closed, Is.EqualTo(new HttpAnswer(200, "1")));
        Assert.That(server.TryGetSession(first.Sid, out _), Is.False);
        Assert.That(afterClose.Status, Is.EqualTo(200), "the closed session's place is free again");
        Assert.That(beyond.Status, Is.EqualTo(503));
        Assert.That(server.SessionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task TheApplicationCanVetoAHandshake()
    {
        await using var server = Create(new EngineIOOptions { AllowRequest = context => ValueTask.FromResult(context.Request.Query["token"] == "ok") });

        var refused = await InProcessPollingClient.SendAsync(server, "GET", Handshake + "&token=no");
        var allowed = await InProcessPollingClient.SendAsync(server, "GET", Handshake + "&token=ok");

        Assert.That(refused, Is.EqualTo(new HttpAnswer(403, """{"code":4,"message":"Forbidden"}""")));
        Assert.That(allowed.Status, Is.EqualTo(200));
        Assert.That(allowed.Body, Does.StartWith("0{\"sid\":"));
    }

    [Test]
    public async Task KeepsTheHandshakeQueryAndHeaders()
    {
        await using var server = Create(new EngineIOOptions(), out var handler);

        var client = await InProcessPollingClient.HandshakeAsync(server, "&room=r%201");

        var handshake = handler.Sessions[client.Sid].Engine.Handshake;
        Assert.That(handshake.GetQuery("room"), Is.EqualTo("r 1"));
        Assert.That(handshake.GetQuery("EIO"), Is.EqualTo("4"));
        Assert.That(handshake.Url, Is.EqualTo("/engine.io/?EIO=4&transport=polling&room=r%201"));
    }

    private static IEnumerable<TestCaseData> Origins()
    {
        // allow-list (null: CORS off), method, origin, expected status, expected Access-Control-Allow-Origin
        yield return new TestCaseData(null, "GET", "https://evil.example", 200, null).SetName("CORS off: any origin, no headers");
        yield return new TestCaseData(new[] { "https://app.example" }, "GET", "https://app.example", 200, "https://app.example").SetName("listed origin");
        yield return new TestCaseData(new[] { "https://app.example/" }, "GET", "https://APP.example", 200, "https://APP.example").SetName("listed origin, case and trailing slash");
        yield return new TestCaseData(new[] { "https://app.example" }, "GET", "https://evil.example", 403, null).SetName("unlisted origin");
        yield return new TestCaseData(new[] { "https://app.example" }, "GET", "http://app.example", 403, null).SetName("other scheme");
        yield return new TestCaseData(new[] { "https://app.example" }, "GET", null, 200, null).SetName("no origin header");
        yield return new TestCaseData(new[] { "*" }, "GET", "https://any.example", 200, "https://any.example").SetName("wildcard");
        yield return new TestCaseData(new[] { "https://app.example" }, "OPTIONS", "https://app.example", 204, "https://app.example").SetName("preflight");
        yield return new TestCaseData(new[] { "https://app.example" }, "OPTIONS", "https://evil.example", 403, null).SetName("preflight from unlisted origin");
    }

    [TestCaseSource(nameof(Origins))]
    public async Task AppliesTheOriginAllowList(string[]? allowed, string method, string? origin, int status, string? allowOrigin)
    {
        await using var server = Create(new EngineIOOptions { AllowedOrigins = allowed });
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = method;
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?" + Handshake);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }
        context.Response.Body = new MemoryStream();

        await server.HandleRequestAsync(context);

        Assert.That(context.Response.StatusCode, Is.EqualTo(status));
        Assert.That(context.Response.Headers.AccessControlAllowOrigin.ToString(), Is.EqualTo(allowOrigin ?? ""));
        Assert.That(context.Response.Headers.AccessControlAllowCredentials.ToString(), Is.EqualTo(allowOrigin is null ? "" : "true"));
    }

    private static EngineIOServer Create(EngineIOOptions options) => Create(options, out _);

    private static EngineIOServer Create(EngineIOOptions options, out RecordingEngineHandler handler)
    {
        handler = new RecordingEngineHandler();
        return new EngineIOServer(options, handler, new FakeTimeProvider(), NullLoggerFactory.Instance);
    }
}
