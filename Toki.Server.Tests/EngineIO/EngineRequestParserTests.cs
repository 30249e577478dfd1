using NUnit.Framework;
using Toki.EngineIO.Protocol;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// Every combination of protocol version, transport, sid, method and WebSocket upgrade: either the request kind
/// or the spec's error code. The expectation is written "kind" / "kind:sid" or "error:code".
/// </summary>
[Category(TestCategories.Unit)]
public sealed class EngineRequestParserTests
{
    private static IEnumerable<TestCaseData> Requests()
    {
        // Polling.
        yield return Case("polling handshake", "4", "polling", null, "GET", false, "PollingHandshake");
        yield return Case("polling handshake by POST", "4", "polling", null, "POST", false, "error:2");
        yield return Case("polling handshake by PUT", "4", "polling", null, "PUT", false, "error:2");
        yield return Case("polling handshake by OPTIONS", "4", "polling", null, "OPTIONS", false, "error:2");
        yield return Case("poll", "4", "polling", "abc", "GET", false, "Poll:abc");
        yield return Case("post", "4", "polling", "abc", "POST", false, "Post:abc");
        yield return Case("polling with sid by PUT", "4", "polling", "abc", "PUT", false, "error:3");
        yield return Case("polling with sid by DELETE", "4", "polling", "abc", "DELETE", false, "error:3");
        yield return Case("polling handshake with a WebSocket upgrade", "4", "polling", null, "GET", true, "error:3");
        yield return Case("poll with a WebSocket upgrade", "4", "polling", "abc", "GET", true, "error:3");
        yield return Case("polling with an empty sid", "4", "polling", "", "GET", false, "error:1");

        // WebSocket.
        yield return Case("websocket handshake", "4", "websocket", null, "GET", true, "WebSocketHandshake");
        yield return Case("websocket upgrade", "4", "websocket", "abc", "GET", true, "WebSocketUpgrade:abc");
        yield return Case("websocket handshake without upgrade headers", "4", "websocket", null, "GET", false, "error:3");
        yield return Case("websocket upgrade without upgrade headers", "4", "websocket", "abc", "GET", false, "error:3");
        yield return Case("websocket by POST", "4", "websocket", "abc", "POST", false, "error:3");
        yield return Case("websocket upgrade by POST", "4", "websocket", null, "POST", true, "error:3");
        yield return Case("websocket with an empty sid", "4", "websocket", "", "GET", true, "error:1");

        // Protocol version.
        yield return Case("EIO=3", "3", "polling", null, "GET", false, "error:5");
        yield return Case("EIO=5", "5", "websocket", null, "GET", true, "error:5");
        yield return Case("no EIO", null, "polling", null, "GET", false, "error:5");
        yield return Case("empty EIO", "", "polling", "abc", "POST", false, "error:5");
        yield return Case("EIO=04", "04", "polling", null, "GET", false, "error:5");

        // Transport, checked first.
        yield return Case("unknown transport", "4", "flashsocket", null, "GET", false, "error:0");
        yield return Case("no transport", "4", null, null, "GET", false, "error:0");
        yield return Case("empty transport", "4", "", null, "GET", false, "error:0");
        yield return Case("transport names are case-sensitive", "4", "Polling", null, "GET", false, "error:0");
        yield return Case("unknown transport before bad version", "3", "xhr", null, "GET", false, "error:0");
        yield return Case("bad version before empty sid", "3", "polling", "", "GET", false, "error:5");
    }

    private static IEnumerable<TestCaseData> DisabledTransports()
    {
        yield return new TestCaseData("polling", null, "GET", false, false, true).Returns("error:0").SetName("polling handshake, polling disabled");
        yield return new TestCaseData("polling", "abc", "POST", false, false, true).Returns("error:0").SetName("post, polling disabled");
        yield return new TestCaseData("websocket", null, "GET", true, false, true).Returns("WebSocketHandshake").SetName("websocket handshake, polling disabled");
        yield return new TestCaseData("websocket", null, "GET", true, true, false).Returns("error:0").SetName("websocket handshake, websocket disabled");
        yield return new TestCaseData("websocket", "abc", "GET", true, true, false).Returns("error:0").SetName("websocket upgrade, websocket disabled");
        yield return new TestCaseData("polling", null, "GET", false, true, false).Returns("PollingHandshake").SetName("polling handshake, websocket disabled");
    }

    [TestCaseSource(nameof(Requests))]
    public void Classifies(string? eio, string? transport, string? sid, string method, bool isWebSocket, string expected) =>
        Assert.That(Parse(eio, transport, sid, method, isWebSocket, allowPolling: true, allowWebSocket: true), Is.EqualTo(expected));

    [TestCaseSource(nameof(DisabledTransports))]
    public string RefusesDisabledTransports(string transport, string? sid, string method, bool isWebSocket, bool allowPolling, bool allowWebSocket) =>
        Parse("4", transport, sid, method, isWebSocket, allowPolling, allowWebSocket);

    private static string Parse(string? eio, string? transport, string? sid, string method, bool isWebSocket, bool allowPolling, bool allowWebSocket)
    {
        var error = EngineRequestParser.Parse(eio, transport, sid, method, isWebSocket, allowPolling, allowWebSocket, out var request);
        if (error is not null)
        {
            return $"error:{error.Code}";
        }
        return request.Sid is null ? request.Kind.ToString() : $"{request.Kind}:{request.Sid}";
    }

    private static TestCaseData Case(string name, string? eio, string? transport, string? sid, string method, bool isWebSocket, string expected) =>
        new TestCaseData(eio, transport, sid, method, isWebSocket, expected).SetName(name);
}
