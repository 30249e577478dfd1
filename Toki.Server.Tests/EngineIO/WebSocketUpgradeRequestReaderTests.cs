using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Connections;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// Which first request heads of a connection the Engine.IO connection middleware takes for itself, and what it
/// reads from them. Routes are "/socket.io" and "/other/engine". Heads are written as text, one character per
/// byte (Latin-1), so a non-ASCII byte is written as the character with that code. The expectation is "NeedMore",
/// "NotOurs", or "Ours route target host=… origin=… key=… eio=… sid=…" with "-" for an absent value.
/// </summary>
[Category(TestCategories.Unit)]
public sealed partial class WebSocketUpgradeRequestReaderTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Target = "/socket.io/?EIO=4&transport=websocket";

    // A third route, longer than any fixed peek at the start of a request line would be.
    private static readonly string LongRoute = "/" + string.Join('/', Enumerable.Repeat("segment", 40));

    private static readonly EngineIOConnectionRoute[] Routes = CreateRoutes();

    // What every case starts from: the fields a valid upgrade needs and nothing else.
    private static readonly string[] Required =
        ["Host: localhost:3000", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", $"Sec-WebSocket-Key: {Key}"];

    private static IEnumerable<TestCaseData> ClientHeads()
    {
        yield return Case("Chrome", Request($"GET {Target} HTTP/1.1", "Host: localhost:3000", "Connection: Upgrade", "Pragma: no-cache",
            "Cache-Control: no-cache", "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Upgrade: websocket", "Origin: http://localhost:3000", "Sec-WebSocket-Version: 13", "Accept-Encoding: gzip, deflate, br, zstd",
            "Accept-Language: en-US,en;q=0.9", "Cookie: io=abc; theme=dark", $"Sec-WebSocket-Key: {Key}",
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"), Ours(origin: "http://localhost:3000"));
        yield return Case("Firefox upgrading a polling session", Request($"GET {Target}&sid=Zm9vYmFy HTTP/1.1", "Host: localhost:3000",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Accept: */*", "Accept-Language: en-US,en;q=0.5",
            "Accept-Encoding: gzip, deflate, br, zstd", "Sec-WebSocket-Version: 13", "Origin: http://localhost:3000",
            "Sec-WebSocket-Extensions: permessage-deflate", $"Sec-WebSocket-Key: {Key}", "DNT: 1", "Connection: keep-alive, Upgrade",
            "Sec-Fetch-Dest: empty", "Sec-Fetch-Mode: websocket", "Sec-Fetch-Site: same-origin", "Pragma: no-cache", "Cache-Control: no-cache",
            "Upgrade: websocket"), Ours(target: $"{Target}&sid=Zm9vYmFy", origin: "http://localhost:3000", sid: "Zm9vYmFy"));
        yield return Case("Node ws", Request($"GET {Target} HTTP/1.1", "Sec-WebSocket-Version: 13", $"Sec-WebSocket-Key: {Key}",
            "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
            "Host: localhost:3000"), Ours());
    }

    private static IEnumerable<TestCaseData> Targets()
    {
        yield return Case("path with trailing slash", Head(Target), Ours());
        yield return Case("path without trailing slash", Head("/socket.io?EIO=4&transport=websocket"), Ours(target: "/socket.io?EIO=4&transport=websocket"));
        yield return Case("path in another case", Head("/Socket.IO/?EIO=4&transport=websocket"), Ours(target: "/Socket.IO/?EIO=4&transport=websocket"));
        yield return Case("second route", Head("/other/engine/?EIO=4&transport=websocket"),
            Ours(route: "/other/engine", target: "/other/engine/?EIO=4&transport=websocket"));
        yield return Case("route longer than 256 bytes", Head($"{LongRoute}/?EIO=4&transport=websocket"),
            Ours(route: LongRoute, target: $"{LongRoute}/?EIO=4&transport=websocket"));
        yield return Case("sid", Head($"{Target}&sid=abc"), Ours(target: $"{Target}&sid=abc", sid: "abc"));
        yield return Case("query values are decoded", Head("/socket.io/?EIO=%34&transport=web%73ocket&sid=a%2Bb"),
            Ours(target: "/socket.io/?EIO=%34&transport=web%73ocket&sid=a%2Bb", sid: "a+b"));
        yield return Case("query names in any case", Head("/socket.io/?eio=4&TRANSPORT=websocket&Sid=x"),
            Ours(target: "/socket.io/?eio=4&TRANSPORT=websocket&Sid=x", sid: "x"));
        yield return Case("no EIO is left to the Engine.IO checks", Head("/socket.io/?transport=websocket"),
            Ours(target: "/socket.io/?transport=websocket", eio: null));
        yield return Case("EIO twice counts as none", Head($"{Target}&EIO=3"), Ours(target: $"{Target}&EIO=3", eio: null));
        yield return Case("sid twice names no session", Head($"{Target}&sid=a&sid=b"), Ours(target: $"{Target}&sid=a&sid=b", sid: ""));
        yield return Case("other query values", Head($"{Target}&t=PaBcD&x="), Ours(target: $"{Target}&t=PaBcD&x="));

        yield return Case("polling transport", Head("/socket.io/?EIO=4&transport=polling"), "NotOurs");
        yield return Case("no transport", Head("/socket.io/?EIO=4"), "NotOurs");
        yield return Case("no query", Head("/socket.io/"), "NotOurs");
        yield return Case("transport is case-sensitive", Head("/socket.io/?EIO=4&transport=WebSocket"), "NotOurs");
        yield return Case("transport twice", Head($"{Target}&transport=websocket"), "NotOurs");
        yield return Case("longer path segment", Head("/socket.io2/?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("path below the route", Head("/socket.io/x?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("two trailing slashes", Head("/socket.io//?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("route prefix only", Head("/socket?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("root", Head("/?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("percent-encoded path", Head("/socket%2Eio/?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("absolute-form target", Head("http://localhost:3000/socket.io/?EIO=4&transport=websocket"), "NotOurs");
        yield return Case("space in the target", Request($"GET {Target}&a=b c HTTP/1.1", Required), "NotOurs");
        yield return Case("non-ASCII byte in the target", Head($"{Target}&x=\u00e9"), "NotOurs");
        yield return Case("control byte in the target", Head($"{Target}&x=\u0001"), "NotOurs");
    }

    private static IEnumerable<TestCaseData> RequestLines()
    {
        yield return Case("POST", Request($"POST {Target} HTTP/1.1", Required), "NotOurs");
        yield return Case("HEAD", Request($"HEAD {Target} HTTP/1.1", Required), "NotOurs");
        yield return Case("lowercase method", Request($"get {Target} HTTP/1.1", Required), "NotOurs");
        yield return Case("HTTP/1.0", Request($"GET {Target} HTTP/1.0", Required), "NotOurs");
        yield return Case("HTTP/2.0 in the request line", Request($"GET {Target} HTTP/2.0", Required), "NotOurs");
        yield return Case("lowercase protocol", Request($"GET {Target} http/1.1", Required), "NotOurs");
        yield return Case("no protocol", Request($"GET {Target}", Required), "NotOurs");
        yield return Case("two spaces after the method", Request($"GET  {Target} HTTP/1.1", Required), "NotOurs");
        yield return Case("two spaces before the protocol", Request($"GET {Target}  HTTP/1.1", Required), "NotOurs");
        yield return Case("trailing space", Request($"GET {Target} HTTP/1.1 ", Required), "NotOurs");
        yield return Case("tab instead of a space", Request($"GET {Target}\tHTTP/1.1", Required), "NotOurs");
        yield return Case("empty line before the request line", "\r\n" + Head(Target), "NotOurs");
        yield return Case("bare LF ends the request line", $"GET {Target} HTTP/1.1\n" + Request(Required[0], Required[1..]), "NotOurs");
        yield return Case("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "NotOurs");
        yield return Case("TLS client hello", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", "NotOurs");
    }

    private static IEnumerable<TestCaseData> Partial()
    {
        yield return Case("nothing yet", "", "NeedMore");
        yield return Case("G", "G", "NeedMore");
        yield return Case("method", "GET ", "NeedMore");
        yield return Case("part of the route", "GET /sock", "NeedMore");
        yield return Case("part of the route in another case", "GET /SOCK", "NeedMore");
        yield return Case("the whole route", "GET /socket.io", "NeedMore");
        yield return Case("request line", $"GET {Target} HTTP/1.1\r\n", "NeedMore");
        yield return Case("head without its blank line", Head(Target)[..^2], "NeedMore");
        yield return Case("head without its last LF", Head(Target)[..^1], "NeedMore");
        yield return Case("a POST is known at once", "P", "NotOurs");
        yield return Case("an unrouted path is known at once", "GET /x", "NotOurs");
        yield return Case("a longer path segment is known at once", "GET /socket.iox", "NotOurs");
        yield return Case("lowercase method is known at once", "GEt", "NotOurs");
        yield return Case("head that could still turn out to be not ours", "GET /socket.io/x", "NeedMore");
    }

    private static IEnumerable<TestCaseData> OursInSingleBytes() =>
        ClientHeads().Concat(Targets()).Concat(HeaderFields()).Where(data => ((string)data.ExpectedResult!).StartsWith("Ours", StringComparison.Ordinal))
            .Select(data => new TestCaseData(data.Arguments).Returns(data.ExpectedResult).SetName(data.TestName + ", one byte per segment"));

    [TestCaseSource(nameof(ClientHeads))]
    [TestCaseSource(nameof(Targets))]
    [TestCaseSource(nameof(RequestLines))]
    [TestCaseSource(nameof(Partial))]
    [TestCaseSource(nameof(HeaderFields))]
    public string Classifies(string head) => Classify(head, new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(head)));

    [TestCaseSource(nameof(OursInSingleBytes))]
    public string Classifies_a_head_split_into_single_bytes(string head) => Classify(head, SegmentedSequence.ByteByByte(Encoding.Latin1.GetBytes(head)));

    [Test]
    public void Ends_at_the_blank_line_when_frames_follow_the_head()
    {
        var head = Encoding.Latin1.GetBytes(Head(Target));
        var buffer = new ReadOnlySequence<byte>([.. head, 0x81, 0x80, 1, 2, 3, 4]);

        var status = WebSocketUpgradeRequestReader.TryRead(buffer, Routes, out var request, out var end);

        Assert.That(status, Is.EqualTo(UpgradeHeadStatus.Ours));
        Assert.That(buffer.Slice(end).ToArray(), Is.EqualTo(new byte[] { 0x81, 0x80, 1, 2, 3, 4 }));
        Assert.That(request!.Head, Is.EqualTo(head[..^2]));
    }

    [Test]
    public void Every_part_of_a_browser_head_needs_more()
    {
        var head = Encoding.Latin1.GetBytes((string)ClientHeads().First().Arguments[0]!);
        for (var length = 0; length < head.Length; length++)
        {
            var status = WebSocketUpgradeRequestReader.TryRead(SegmentedSequence.ByteByByte(head[..length]), Routes, out var request, out _);

            Assert.That((status, request), Is.EqualTo((UpgradeHeadStatus.NeedMore, (WebSocketUpgradeRequest?)null)), $"after {length} bytes");
        }
    }

    [TestCase(0, "Ours", TestName = "head of exactly 16 KiB")]
    [TestCase(1, "NotOurs", TestName = "head one byte over 16 KiB")]
    [TestCase(1000, "NotOurs", TestName = "head well over 16 KiB")]
    public void Leaves_long_heads_to_kestrel(int over, string expected)
    {
        var head = HeadOfLength(WebSocketUpgradeRequestReader.MaxHeadLength + over);

        Assert.That(Classify(head, new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(head))), Does.StartWith(expected));
    }

    [TestCase(-1, "NeedMore", TestName = "16 KiB less one byte of an unfinished head")]
    [TestCase(0, "NotOurs", TestName = "16 KiB of an unfinished head")]
    [TestCase(1, "NotOurs", TestName = "more than 16 KiB of an unfinished head")]
    public void Stops_waiting_for_a_head_at_16_KiB(int over, string expected)
    {
        var unfinished = HeadOfLength(WebSocketUpgradeRequestReader.MaxHeadLength + 100)[..(WebSocketUpgradeRequestReader.MaxHeadLength + over)];

        Assert.That(Classify(unfinished, new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(unfinished))), Is.EqualTo(expected));
    }

    private static string Head(string target, params string[] headers) => Request($"GET {target} HTTP/1.1", [.. Required, .. headers]);

    private static string Request(string requestLine, params string[] headers) =>
        requestLine + "\r\n" + string.Concat(headers.Select(header => header + "\r\n")) + "\r\n";

    /// <summary>The required fields with those named <paramref name="name"/> replaced by <paramref name="lines"/>.</summary>
    private static string HeadReplacing(string name, params string[] lines) => Request($"GET {Target} HTTP/1.1",
        [.. Required.Where(line => !line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)), .. lines]);

    private static string Ours(string route = "/socket.io", string target = Target, string host = "localhost:3000", string? origin = null,
        string key = Key, string? eio = "4", string? sid = null) =>
        $"Ours {route} {target} host={host} origin={origin ?? "-"} key={key} eio={eio ?? "-"} sid={sid ?? "-"}";

    private static TestCaseData Case(string name, string head, string expected) => new TestCaseData(head).Returns(expected).SetName(name);

    private static string HeadOfLength(int length)
    {
        var padding = length - Head(Target, "X-Padding: ").Length;
        return Head(Target, "X-Padding: " + new string('a', padding));
    }

    private static string Classify(string head, ReadOnlySequence<byte> buffer)
    {
        var status = WebSocketUpgradeRequestReader.TryRead(buffer, Routes, out var request, out var end);
        if (status != UpgradeHeadStatus.Ours)
        {
            Assert.That(request, Is.Null);
            return status.ToString();
        }
        Assert.That(buffer.GetOffset(end), Is.EqualTo(head.Length), "did not end at the blank line");
        Assert.That(request!.Head, Is.EqualTo(Encoding.Latin1.GetBytes(head[..^2])), "the head is not the request line and fields");
        Assert.That(request.Transport, Is.EqualTo("websocket"));
        return $"Ours {request.Route.Path} {request.Target} host={request.Host} origin={request.Origin ?? "-"} key={request.Key} "
            + $"eio={request.Eio ?? "-"} sid={request.Sid ?? "-"}";
    }

    private static EngineIOConnectionRoute[] CreateRoutes()
    {
        var routes = new EngineIOConnectionRoutes();
        routes.Add("/socket.io/", new EngineIOServer(new EngineIOOptions(), new RecordingEngineHandler(), new FakeTimeProvider(), NullLoggerFactory.Instance));
        routes.Add("other/engine", new EngineIOServer(new EngineIOOptions(), new RecordingEngineHandler(), new FakeTimeProvider(), NullLoggerFactory.Instance));
        routes.Add(LongRoute, new EngineIOServer(new EngineIOOptions(), new RecordingEngineHandler(), new FakeTimeProvider(), NullLoggerFactory.Instance));
        return routes.Current;
    }
}
