using NUnit.Framework;
using Toki.EngineIO.Protocol;

namespace Toki.Server.Tests.EngineIO;

/// <summary>The handshake packet and the error bodies, byte for byte.</summary>
[Category(TestCategories.Unit)]
public sealed class OpenPacketTests
{
    private static IEnumerable<TestCaseData> OpenPackets()
    {
        yield return new TestCaseData("abc", true, 25_000, 20_000, 1_000_000)
            .Returns("""0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}""")
            .SetName("reference defaults, polling offers websocket");
        yield return new TestCaseData("abc", false, 25_000, 20_000, 1_000_000)
            .Returns("""0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}""")
            .SetName("websocket handshake offers no upgrade");
        yield return new TestCaseData("lv_VI97HAXpY6yYWAAAC", true, 300, 200, 1_000_000)
            .Returns("""0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":300,"pingTimeout":200,"maxPayload":1000000}""")
            .SetName("conformance settings");
        yield return new TestCaseData("x-_y", false, 1, 1, 1024)
            .Returns("""0{"sid":"x-_y","upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1024}""")
            .SetName("smallest values");
    }

    private static IEnumerable<TestCaseData> Errors()
    {
        yield return new TestCaseData(EngineError.UnknownTransport, 400, """{"code":0,"message":"Transport unknown"}""").SetName("0 transport unknown");
        yield return new TestCaseData(EngineError.UnknownSid, 400, """{"code":1,"message":"Session ID unknown"}""").SetName("1 session id unknown");
        yield return new TestCaseData(EngineError.BadHandshakeMethod, 400, """{"code":2,"message":"Bad handshake method"}""").SetName("2 bad handshake method");
        yield return new TestCaseData(EngineError.BadRequest, 400, """{"code":3,"message":"Bad request"}""").SetName("3 bad request");
        yield return new TestCaseData(EngineError.Forbidden, 403, """{"code":4,"message":"Forbidden"}""").SetName("4 forbidden");
        yield return new TestCaseData(EngineError.UnsupportedProtocolVersion, 400, """{"code":5,"message":"Unsupported protocol version"}""").SetName("5 unsupported protocol version");
        yield return new TestCaseData(EngineError.ServiceUnavailable, 503, """{"code":6,"message":"Too many sessions"}""").SetName("6 too many sessions");
        yield return new TestCaseData(EngineError.PayloadTooLarge, 413, """{"code":7,"message":"Payload too large"}""").SetName("7 payload too large");
    }

    [TestCaseSource(nameof(OpenPackets))]
    public string EncodesTheOpenPacket(string sid, bool offerUpgrade, int pingIntervalMs, int pingTimeoutMs, int maxPayload)
    {
        var frame = OpenPacket.Create(sid, offerUpgrade, TimeSpan.FromMilliseconds(pingIntervalMs), TimeSpan.FromMilliseconds(pingTimeoutMs), maxPayload);

        Assert.That(frame.IsBinary, Is.False);
        return OpenPacket.ToText(frame);
    }

    [TestCaseSource(nameof(Errors))]
    public void EncodesTheErrorAnswer(EngineError error, int status, string body)
    {
        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.ToJson(), Is.EqualTo(body));
    }
}
