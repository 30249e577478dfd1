using System.Text;
using NUnit.Framework;
using Toki.EngineIO.Protocol;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Hostile packets for the pure decoders, with their exact answers: lone UTF-16 surrogates and invalid UTF-8 where a
/// decoder reads text, binary placeholders that name no announced attachment.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class SocketIODecoderHostileTests
{
    private static IEnumerable<TestCaseData> Packets()
    {
        yield return Case("event name a lone high surrogate", "42[\"\\uD800\"]", SocketIOParseError.InvalidPayload);
        yield return Case("event name a lone low surrogate", "42[\"\\uDC00\"]", SocketIOParseError.InvalidPayload);
        yield return Case("event name a high surrogate then text", "42[\"\\uD800x\"]", SocketIOParseError.InvalidPayload);
        yield return Case("event name a high surrogate then a BMP escape", "42[\"\\uD800\\u0041\"]", SocketIOParseError.InvalidPayload);
        yield return Case("event name two high surrogates", "42[\"\\uD800\\uD800\\uDC00\"]", SocketIOParseError.InvalidPayload);
        yield return Case("event name a lowercase lone surrogate", "42[\"\\ud83d\"]", SocketIOParseError.InvalidPayload);
        yield return Case("binary event name a lone surrogate", "451-[\"\\uDFFF\",{\"_placeholder\":true,\"num\":0}]", SocketIOParseError.InvalidPayload);
        yield return Case("event name an escaped pair", "42[\"\\uD83D\\uDE00\"]", SocketIOParseError.None);
        yield return Case("event name an escaped backslash before u", "42[\"\\\\uD800\"]", SocketIOParseError.None);
        yield return Case("event name with other escapes", "42[\"a\\n\\\"b\\u00e9\"]", SocketIOParseError.None);
        yield return Case("a lone surrogate in an argument is the application's", "42[\"x\",\"\\uD800\"]", SocketIOParseError.None);
        yield return Case("placeholder num past the attachments", "451-[\"x\",{\"_placeholder\":true,\"num\":1}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder num negative", "451-[\"x\",{\"_placeholder\":true,\"num\":-1}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder num a string", "451-[\"x\",{\"_placeholder\":true,\"num\":\"0\"}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder num a fraction", "451-[\"x\",{\"_placeholder\":true,\"num\":0.5}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder num huge", "451-[\"x\",{\"_placeholder\":true,\"num\":1e300}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder without num", "451-[\"x\",{\"_placeholder\":true}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder nested deep", "452-[\"x\",{\"a\":[{\"_placeholder\":true,\"num\":0},{\"b\":{\"_placeholder\":true,\"num\":2}}]}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholder with zero attachments", "450-[\"x\",{\"_placeholder\":true,\"num\":0}]", SocketIOParseError.IllegalAttachments);
        yield return Case("binary ack placeholder past the attachments", "461-12[{\"_placeholder\":true,\"num\":3}]", SocketIOParseError.IllegalAttachments);
        yield return Case("placeholders in range", "452-[\"x\",{\"_placeholder\":true,\"num\":1},[{\"_placeholder\":true,\"num\":0}]]", SocketIOParseError.None);
        yield return Case("_placeholder false is a plain object", "451-[\"x\",{\"_placeholder\":false,\"num\":9}]", SocketIOParseError.None);
        yield return Case("a placeholder in a plain event is a plain object", "42[\"x\",{\"_placeholder\":true,\"num\":9}]", SocketIOParseError.None);
    }

    [TestCaseSource(nameof(Packets))]
    public void Decodes(string text, SocketIOParseError expected)
    {
        // The Engine.IO "4" prefix is the test's shorthand; the decoder sees what follows it.
        var error = SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text[1..]), out var packet);

        Assert.That(error, Is.EqualTo(expected));
        Assert.That(packet is null, Is.EqualTo(expected != SocketIOParseError.None));
        packet?.Dispose();
    }

    [Test]
    public void AnEventNameThatIsNotUtf8IsAnInvalidPayload()
    {
        byte[] text = [.. "2[\""u8, 0xED, 0xA0, 0x80, .. "\"]"u8];

        Assert.That(SocketIOPacketDecoder.Decode(text, out var packet), Is.EqualTo(SocketIOParseError.InvalidPayload));
        Assert.That(packet, Is.Null);
    }

    private static IEnumerable<TestCaseData> PollingTexts()
    {
        yield return new TestCaseData(new byte[] { (byte)'4', 0xFF }).SetName("polling text packet with 0xFF");
        yield return new TestCaseData(new byte[] { (byte)'4', 0xED, 0xA0, 0x80 }).SetName("polling text packet with a UTF-8 encoded surrogate");
        yield return new TestCaseData(new byte[] { (byte)'4', 0xC3 }).SetName("polling text packet with a truncated sequence");
        yield return new TestCaseData(new byte[] { (byte)'4', 0xC0, 0x80 }).SetName("polling text packet with an overlong NUL");
        yield return new TestCaseData(new byte[] { (byte)'4', (byte)'a', 0x1E, (byte)'4', 0xF8, 0x88, 0x80, 0x80, 0x80 }).SetName("second polling text packet with a 5-byte sequence");
    }

    [TestCaseSource(nameof(PollingTexts))]
    public void APollingTextPacketThatIsNotUtf8IsRefused(byte[] payload)
    {
        Assert.That(PollingPayloadDecoder.Decode(payload, []), Is.EqualTo(EngineDecodeError.InvalidUtf8));
    }

    private static TestCaseData Case(string name, string text, SocketIOParseError expected) => new TestCaseData(text, expected).SetName(name);
}
