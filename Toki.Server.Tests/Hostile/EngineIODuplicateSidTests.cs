using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A request that names its session more than once: "Session ID unknown" (the reference server's answer when the
/// values differ), never a new session. Polling in memory; the WebSocket upgrade on a real Kestrel, both paths.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class EngineIODuplicateSidTests
{
    private const string UnknownSid = """{"code":1,"message":"Session ID unknown"}""";

    private static IEnumerable<TestCaseData> Requests()
    {
        yield return new TestCaseData("GET", "EIO=4&transport=polling&sid={0}&sid={0}").SetName("GET, the same sid twice");
        yield return new TestCaseData("GET", "EIO=4&transport=polling&sid={0}&sid=other").SetName("GET, the sid then another");
        yield return new TestCaseData("GET", "EIO=4&transport=polling&sid=other&SID={0}").SetName("GET, another then the sid in capitals");
        yield return new TestCaseData("POST", "EIO=4&transport=polling&sid={0}&sid={0}").SetName("POST, the same sid twice");
        yield return new TestCaseData("GET", "EIO=4&transport=polling&sid=&sid=").SetName("GET, two empty sids");
    }

    [TestCaseSource(nameof(Requests))]
    public async Task APollingRequestWithTwoSidsIsAnUnknownSession(string method, string query)
    {
        await using var server = new EngineIOServer(new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) }, new RecordingEngineHandler(),
            new FakeTimeProvider(), NullLoggerFactory.Instance);
        var client = await InProcessPollingClient.HandshakeAsync(server);

        var answer = await InProcessPollingClient.SendAsync(server, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, query, client.Sid),
            method == "POST" ? "4x" : null).DefaultTimeout();

        Assert.That(answer, Is.EqualTo(new HttpAnswer(400, UnknownSid)));
        Assert.That(server.SessionCount, Is.EqualTo(1), "no session was opened");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task AWebSocketUpgradeWithTwoSidsIsAnUnknownSession(bool direct)
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions(), direct: direct);
        var sid = (await host.SendAsync(HttpMethod.Get, "EIO=4&transport=polling")).Body[9..29];
        var endpoint = host.Http.BaseAddress!;
        using var connection = await EngineIORawHttpConnection.ConnectAsync(endpoint);

        await connection.SendRawAsync(Encoding.ASCII.GetBytes(
            $"GET /engine.io/?EIO=4&transport=websocket&sid={sid}&sid={sid} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nConnection: Upgrade\r\n" +
            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"));

        Assert.That(await connection.ReadAnswerAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
        Assert.That(host.Server.SessionCount, Is.EqualTo(1), "no session was opened");
    }
}
