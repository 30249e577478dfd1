using System.Net.WebSockets;
using System.Text.Json;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>engine.io's <c>cookie</c> option: the handshake answer sets <c>io=&lt;sid&gt;</c> for sticky load balancing, and nothing else does.</summary>
[Category(TestCategories.Functional)]
public sealed class EngineCookieTests
{
    [Test]
    public async Task APollingHandshakeSetsTheSessionCookie()
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions { Cookie = new EngineIOCookieOptions() });

        using var response = await host.Http.GetAsync("/engine.io/?EIO=4&transport=polling");
        var sid = Sid(await response.Content.ReadAsStringAsync());
        using var poll = await host.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");

        Assert.That(response.Headers.GetValues("Set-Cookie"), Is.EqualTo(new[] { $"io={sid}; Path=/; HttpOnly; SameSite=Lax" }));
        Assert.That(poll.Headers.Contains("Set-Cookie"), Is.False, "only the handshake sets it");
    }

    [Test]
    public async Task TheCookieIsConfigurable()
    {
        var cookie = new EngineIOCookieOptions { Name = "srv", Path = "/app", HttpOnly = false, SameSite = "None", Secure = true, Domain = "example.com" };
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions { Cookie = cookie });

        using var response = await host.Http.GetAsync("/engine.io/?EIO=4&transport=polling");
        var sid = Sid(await response.Content.ReadAsStringAsync());

        Assert.That(response.Headers.GetValues("Set-Cookie"), Is.EqualTo(new[] { $"srv={sid}; Domain=example.com; Path=/app; Secure; SameSite=None" }));
    }

    [Test]
    public async Task NoCookieWithoutTheOption()
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions());

        using var response = await host.Http.GetAsync("/engine.io/?EIO=4&transport=polling");

        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task AWebSocketHandshakeSetsTheSessionCookie(bool direct)
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions { Cookie = new EngineIOCookieOptions() }, direct: direct);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await socket.ConnectAsync(new Uri($"ws://{host.Http.BaseAddress!.Authority}/engine.io/?EIO=4&transport=websocket"), CancellationToken.None).DefaultTimeout();
        var sid = Sid(await EngineTestHost.ReceiveAsync(socket));

        Assert.That(socket.HttpResponseHeaders!["Set-Cookie"], Is.EqualTo(new[] { $"io={sid}; Path=/; HttpOnly; SameSite=Lax" }));
    }

    private static string Sid(string openPacket) => JsonDocument.Parse(openPacket[1..]).RootElement.GetProperty("sid").GetString()!;
}
