using System.Text;
using NUnit.Framework;
using Toki.EngineIO.Protocol;

namespace Toki.Server.Tests.EngineIO;

/// <summary>The long-polling response body encoder: exact bytes for the spec's examples and the edge cases.</summary>
[Category(TestCategories.Unit)]
public sealed class PollingPayloadEncoderTests
{
    private static IEnumerable<TestCaseData> Payloads()
    {
        yield return new TestCaseData(new[] { EngineFrame.Message("hello"), EngineFrame.Ping, EngineFrame.Message("world") }, "4hello\u001e2\u001e4world")
            .SetName("spec: three text packets");
        yield return new TestCaseData(new[] { EngineFrame.Message("hello"), EngineFrame.Binary(new byte[] { 1, 2, 3, 4 }) }, "4hello\u001ebAQIDBA==")
            .SetName("spec: text then binary");
        yield return new TestCaseData(Array.Empty<EngineFrame>(), "").SetName("no frames");
        yield return new TestCaseData(new[] { EngineFrame.Noop }, "6").SetName("noop");
        yield return new TestCaseData(new[] { EngineFrame.Close }, "1").SetName("close");
        yield return new TestCaseData(new[] { EngineFrame.PongProbe }, "3probe").SetName("pong probe");
        yield return new TestCaseData(new[] { EngineFrame.Binary(Array.Empty<byte>()) }, "b").SetName("empty binary");
        yield return new TestCaseData(new[] { EngineFrame.Binary(new byte[] { 0xff }), EngineFrame.Binary(new byte[] { 0, 0 }) }, "b/w==\u001ebAAA=")
            .SetName("two binaries");
        yield return new TestCaseData(new[] { EngineFrame.Message("h\u00e9 \u20ac\u2122") }, "4h\u00e9 \u20ac\u2122").SetName("multi-byte UTF-8");
        yield return new TestCaseData(new[] { EngineFrame.Message("42[\"a\"]"u8), EngineFrame.FromEncodedText("40"u8.ToArray()) }, "442[\"a\"]\u001e40")
            .SetName("pre-encoded UTF-8 and raw frames");
    }

    [TestCaseSource(nameof(Payloads))]
    public void Encodes(EngineFrame[] frames, string expected)
    {
        var encoded = PollingPayloadEncoder.Encode(frames);

        Assert.That(Encoding.UTF8.GetString(encoded), Is.EqualTo(expected));
        Assert.That(PollingPayloadEncoder.GetEncodedLength(frames), Is.GreaterThanOrEqualTo(encoded.Length));
    }

    [TestCaseSource(nameof(Payloads))]
    public void RoundTripsThroughTheDecoder(EngineFrame[] frames, string expected)
    {
        if (frames.Length == 0)
        {
            Assert.That(expected, Is.Empty);
            return;
        }
        var packets = new List<DecodedPacket>();

        var error = PollingPayloadDecoder.Decode(PollingPayloadEncoder.Encode(frames), packets);

        Assert.That(error, Is.EqualTo(EngineDecodeError.None));
        Assert.That(packets.Select(p => p.IsBinary ? "b" + Convert.ToHexString(p.Data.Span) : (char)('0' + (int)p.Type) + Encoding.UTF8.GetString(p.Data.Span)),
            Is.EqualTo(frames.Select(f => f.IsBinary ? "b" + Convert.ToHexString(f.Bytes.Span) : Encoding.UTF8.GetString(f.Bytes.Span))));
    }
}
