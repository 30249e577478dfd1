using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// Hostile input over raw HTTP and WebSocket against a Socket.IO server: each gets the spec's answer, and a
/// well-behaved client on the same server keeps its acknowledged round trips throughout, with no error logged.
/// WebSockets through the HTTP upgrade, and below the HTTP layer (direct).
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
[Category(TestCategories.Functional)]
public sealed class HostileClientTests(bool direct)
{
    private const string UnknownSid = """{"code":1,"message":"Session ID unknown"}""";
    private SocketIOTestHost _host = null!;
    private RawSocketIOClient _normal = null!;
    private HttpClient _http = null!;
    private int _roundTrips;

    [SetUp]
    public async Task Start()
    {
        _host = await SocketIOTestHost.StartAsync(directWebSockets: direct);
        _http = new HttpClient { BaseAddress = _host.BaseUrl };
        _normal = await RawSocketIOClient.ConnectAsync(_host.BaseUrl);
        _roundTrips = 0;
    }

    [TearDown]
    public async Task Stop()
    {
        // Whatever the test did, the well-behaved client is still served and nothing failed on the server.
        await AssertNormalClientServedAsync();
        Assert.That(_host.Errors, Is.Empty);
        await _normal.DisposeAsync();
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> BadRequests()
    {
        yield return new TestCaseData("GET", "", 400, """{"code":0,"message":"Transport unknown"}""").SetName("no query");
        yield return new TestCaseData("GET", "EIO=4&transport=carrier-pigeon", 400, """{"code":0,"message":"Transport unknown"}""").SetName("unknown transport");
        yield return new TestCaseData("GET", "EIO=3&transport=polling", 400, """{"code":5,"message":"Unsupported protocol version"}""").SetName("EIO=3");
        yield return new TestCaseData("GET", "EIO=4&EIO=4&transport=polling", 400, """{"code":5,"message":"Unsupported protocol version"}""").SetName("EIO twice");
        yield return new TestCaseData("GET", "EIO=4&transport=polling&sid=unknown", 400, UnknownSid).SetName("unknown sid, GET");
        yield return new TestCaseData("POST", "EIO=4&transport=polling&sid=unknown", 400, UnknownSid).SetName("unknown sid, POST");
        yield return new TestCaseData("POST", "EIO=4&transport=polling", 400, """{"code":2,"message":"Bad handshake method"}""").SetName("handshake by POST");
        yield return new TestCaseData("PUT", "EIO=4&transport=polling&sid=unknown", 400, """{"code":3,"message":"Bad request"}""").SetName("PUT");
        yield return new TestCaseData("GET", "EIO=4&transport=websocket", 400, """{"code":3,"message":"Bad request"}""").SetName("websocket without upgrade");
        yield return new TestCaseData("GET", "EIO=4&transport=polling&sid=", 400, UnknownSid).SetName("empty sid");
    }

    [TestCaseSource(nameof(BadRequests))]
    public async Task AnswersBadRequestsWithTheSpecError(string method, string query, int status, string body)
    {
        Assert.That(await SendAsync(method, query, method == "GET" ? null : "40"), Is.EqualTo(new HttpAnswer(status, body)));
    }

    private static IEnumerable<TestCaseData> MalformedPayloads()
    {
        // What a connected polling session POSTs, the POST's answer, and the next GET's answer.
        yield return new TestCaseData("", 400, """{"code":3,"message":"Bad request"}""").SetName("empty body");
        yield return new TestCaseData("9", 400, """{"code":3,"message":"Bad request"}""").SetName("unknown engine packet");
        yield return new TestCaseData("b***", 400, """{"code":3,"message":"Bad request"}""").SetName("bad base64");
        yield return new TestCaseData("4garbage", 200, "ok").SetName("Socket.IO garbage");
        yield return new TestCaseData("42[\"x\",", 200, "ok").SetName("truncated JSON");
        yield return new TestCaseData("42{}", 200, "ok").SetName("event that is an object");
        yield return new TestCaseData("42[\"x\"]trailing", 200, "ok").SetName("trailing garbage");
        yield return new TestCaseData("42[\"connect\"]", 200, "ok").SetName("reserved event name");
        yield return new TestCaseData("42123456789012345678[\"x\"]", 200, "ok").SetName("ack id too long");
        yield return new TestCaseData("499-[\"x\"]", 200, "ok").SetName("unknown Socket.IO type");
        yield return new TestCaseData("4511-[\"x\"]", 200, "ok").SetName("too many attachments");
        yield return new TestCaseData("451-[\"x\",{\"_placeholder\":true,\"num\":0}]\u001e42[\"y\"]", 200, "ok").SetName("text where an attachment is due");
        yield return new TestCaseData("bAQID", 200, "ok").SetName("attachment without a packet");
        yield return new TestCaseData("42/nope,[\"x\"]", 200, "ok").SetName("event for a namespace not joined");
        yield return new TestCaseData("44{\"message\":\"x\"}", 200, "ok").SetName("CONNECT_ERROR from a client");
        yield return new TestCaseData("2", 200, "ok").SetName("ping from a client");
    }

    [TestCaseSource(nameof(MalformedPayloads))]
    public async Task ClosesASessionThatSendsMalformedPackets(string payload, int status, string body)
    {
        var sid = await OpenPollingSocketAsync();

        var answer = await SendAsync("POST", $"EIO=4&transport=polling&sid={sid}", payload);

        Assert.That(answer, Is.EqualTo(new HttpAnswer(status, body)));
        Assert.That(await SendAsync("GET", $"EIO=4&transport=polling&sid={sid}"), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
    }

    [Test]
    public async Task RefusesAPollingBodyAboveTheMaximumAndClosesTheSession()
    {
        var sid = await OpenPollingSocketAsync();

        var answer = await SendAsync("POST", $"EIO=4&transport=polling&sid={sid}", "4" + new string('x', 1_000_000));

        Assert.That(answer, Is.EqualTo(new HttpAnswer(413, """{"code":7,"message":"Payload too large"}""")));
        Assert.That(await SendAsync("GET", $"EIO=4&transport=polling&sid={sid}"), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
    }

    [Test]
    public async Task ClosesAWebSocketMessageAboveTheMaximumWith1009()
    {
        await using var abuser = await RawSocketIOClient.ConnectAsync(_host.BaseUrl);

        await abuser.SendAsync("42[\"echo\",\"" + new string('x', 1_000_000) + "\"]");

        Assert.That(await abuser.ReceiveAsync(), Is.EqualTo("close:1009"));
    }

    [TestCase("4x", TestName = "websocket: Socket.IO garbage")]
    [TestCase("42[\"x\"", TestName = "websocket: truncated JSON")]
    [TestCase("x", TestName = "websocket: engine garbage")]
    [TestCase("", TestName = "websocket: empty frame")]
    public async Task ClosesAWebSocketThatSendsGarbage(string frame)
    {
        await using var abuser = await RawSocketIOClient.ConnectAsync(_host.BaseUrl);

        await abuser.SendAsync(frame);

        Assert.That(await abuser.ReceiveAsync(), Is.EqualTo("close:1000"));
    }

    [Test]
    public async Task ClosesAWebSocketThatSendsAnAttachmentWithoutAPacket()
    {
        await using var abuser = await RawSocketIOClient.ConnectAsync(_host.BaseUrl);

        await abuser.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        Assert.That(await abuser.ReceiveAsync(), Is.EqualTo("close:1000"));
    }

    [Test]
    public async Task SurvivesThousandsOfHandshakesWithoutFollowUp()
    {
        var before = _host.Server.Engine.SessionCount;
        var opened = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            var answer = await SendAsync("GET", "EIO=4&transport=polling");
            if (answer.Status == 200 && answer.Body.StartsWith("0{\"sid\":", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref opened);
            }
        });

        Assert.That(opened, Is.EqualTo(2_000));
        Assert.That(_host.Server.Engine.SessionCount, Is.EqualTo(before + 2_000));
    }

    private async Task AssertNormalClientServedAsync()
    {
        var payload = $"still-here-{++_roundTrips}";
        Assert.That(await _normal.EchoAsync(payload), Is.EqualTo($"43{_roundTrips - 1}[\"{payload}\"]"));
    }

    private async Task<string> OpenPollingSocketAsync()
    {
        var open = await SendAsync("GET", "EIO=4&transport=polling");
        var sid = JsonDocument.Parse(open.Body[1..]).RootElement.GetProperty("sid").GetString()!;
        Assert.That(await SendAsync("POST", $"EIO=4&transport=polling&sid={sid}", "40"), Is.EqualTo(new HttpAnswer(200, "ok")));
        Assert.That((await SendAsync("GET", $"EIO=4&transport=polling&sid={sid}")).Body, Does.StartWith("40{\"sid\":"));
        await AssertNormalClientServedAsync();
        return sid;
    }

    private async Task<HttpAnswer> SendAsync(string method, string query, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/socket.io/?" + query)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        using var response = await _http.SendAsync(request).DefaultTimeout();
        return new HttpAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
