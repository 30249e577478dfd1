using System.Text;
using NUnit.Framework;
using Toki.EngineIO.Protocol;

namespace Toki.Server.Tests.EngineIO;

/// <summary>The long-polling request body decoder against the spec's examples and every malformed shape.</summary>
[Category(TestCategories.Unit)]
public sealed class PollingPayloadDecoderTests
{
    // Each expected packet is written "T:text" for a text packet of type T, or "b:hex" for a binary one.
    private static IEnumerable<TestCaseData> ValidPayloads()
    {
        yield return Case("spec: three text packets", "4hello\u001e2\u001e4world", "4:hello", "2:", "4:world");
        yield return Case("spec: text then binary", "4hello\u001ebAQIDBA==", "4:hello", "b:01020304");
        yield return Case("single message", "4hello", "4:hello");
        yield return Case("message with empty data", "4", "4:");
        yield return Case("pong probe", "3probe", "3:probe");
        yield return Case("every packet type", "0\u001e1\u001e2\u001e3\u001e4\u001e5\u001e6", "0:", "1:", "2:", "3:", "4:", "5:", "6:");
        yield return Case("multi-byte UTF-8 is kept as bytes", "4h\u00e9llo \u20ac\u2122", "4:h\u00e9llo \u20ac\u2122");
        yield return Case("binary with empty data", "b", "b:");
        yield return Case("binary without padding need", "bAQID", "b:010203");
        yield return Case("binary with one padding char", "bAQI=", "b:0102");
        yield return Case("two binaries", "bAA==\u001eb/w==", "b:00", "b:ff");
        yield return Case("record separator inside JSON is still a separator", "42[\"a\"]\u001e42[\"b\"]", "4:2[\"a\"]", "4:2[\"b\"]");
    }

    private static IEnumerable<TestCaseData> InvalidPayloads()
    {
        yield return new TestCaseData("", EngineDecodeError.EmptyPacket).SetName("empty body");
        yield return new TestCaseData("4a\u001e", EngineDecodeError.EmptyPacket).SetName("trailing separator");
        yield return new TestCaseData("\u001e4a", EngineDecodeError.EmptyPacket).SetName("leading separator");
        yield return new TestCaseData("4a\u001e\u001e4b", EngineDecodeError.EmptyPacket).SetName("two separators in a row");
        yield return new TestCaseData("7", EngineDecodeError.UnknownPacketType).SetName("type 7");
        yield return new TestCaseData("9hello", EngineDecodeError.UnknownPacketType).SetName("type 9");
        yield return new TestCaseData("/", EngineDecodeError.UnknownPacketType).SetName("character below 0");
        yield return new TestCaseData("xyz", EngineDecodeError.UnknownPacketType).SetName("letter");
        yield return new TestCaseData("4ok\u001ehello", EngineDecodeError.UnknownPacketType).SetName("second packet unknown");
        yield return new TestCaseData("b!!!!", EngineDecodeError.InvalidBase64).SetName("base64 with invalid characters");
        yield return new TestCaseData("bAQI", EngineDecodeError.InvalidBase64).SetName("base64 without padding");
        yield return new TestCaseData("bAQIDB", EngineDecodeError.InvalidBase64).SetName("base64 truncated");
        yield return new TestCaseData("4a\u001ebAQ=D", EngineDecodeError.InvalidBase64).SetName("base64 with inner padding after a valid packet");
    }

    [TestCaseSource(nameof(ValidPayloads))]
    public void Decodes(string payload, string[] expected)
    {
        var packets = new List<DecodedPacket>();

        var error = PollingPayloadDecoder.Decode(Encoding.UTF8.GetBytes(payload), packets);

        Assert.That(error, Is.EqualTo(EngineDecodeError.None));
        Assert.That(packets.Select(Describe), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(InvalidPayloads))]
    public void Refuses(string payload, EngineDecodeError expected)
    {
        var error = PollingPayloadDecoder.Decode(Encoding.UTF8.GetBytes(payload), []);

        Assert.That(error, Is.EqualTo(expected));
    }

    [TestCase("", EngineDecodeError.EmptyPacket, null)]
    [TestCase("0", EngineDecodeError.None, EnginePacketType.Open)]
    [TestCase("2probe", EngineDecodeError.None, EnginePacketType.Ping)]
    [TestCase("6", EngineDecodeError.None, EnginePacketType.Noop)]
    [TestCase("7", EngineDecodeError.UnknownPacketType, null)]
    [TestCase("b", EngineDecodeError.UnknownPacketType, null)]
    public void DecodesOneWebSocketTextFrame(string frame, EngineDecodeError expectedError, EnginePacketType? expectedType)
    {
        var error = PollingPayloadDecoder.DecodeText(Encoding.UTF8.GetBytes(frame), out var type);

        Assert.That(error, Is.EqualTo(expectedError));
        if (expectedType is not null)
        {
            Assert.That(type, Is.EqualTo(expectedType));
        }
    }

    private static TestCaseData Case(string name, string payload, params string[] expected) =>
        new TestCaseData(payload, expected).SetName(name);

    private static string Describe(DecodedPacket packet) => packet.IsBinary
        ? "b:" + Convert.ToHexStringLower(packet.Data.Span)
        : $"{(int)packet.Type}:{Encoding.UTF8.GetString(packet.Data.Span)}";
}
