using System.Text;
using NUnit.Framework;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.SocketIO;

/// <summary>Malformed Socket.IO packets: each is refused with its exact reason and yields no packet.</summary>
[Category(TestCategories.Unit)]
public sealed class SocketIOPacketDecoderErrorTests
{
    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return Case("empty", "", SocketIOParseError.EmptyPacket);
        yield return Case("type 7", "7[\"a\"]", SocketIOParseError.UnknownPacketType);
        yield return Case("type letter", "a", SocketIOParseError.UnknownPacketType);
        yield return Case("type below 0", "/admin,", SocketIOParseError.UnknownPacketType);
        yield return Case("CONNECT_ERROR with bare word", "4abc", SocketIOParseError.InvalidJson);
        yield return Case("EVENT with an object", "2{}", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT with a string", "2\"a\"", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT with an empty array", "2[]", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT name is an object", "2[{}]", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT name is null", "2[null,1]", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT without payload", "2", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT with ack id but no payload", "212", SocketIOParseError.InvalidPayload);
        yield return Case("EVENT with garbage before the array", "2abc[\"x\"]", SocketIOParseError.InvalidJson);
        yield return Case("EVENT with trailing garbage", "2[\"x\"]abc", SocketIOParseError.InvalidJson);
        yield return Case("EVENT with two arrays", "2[\"x\"][\"y\"]", SocketIOParseError.InvalidJson);
        yield return Case("EVENT truncated", "2[\"x\",", SocketIOParseError.InvalidJson);
        yield return Case("EVENT with invalid JSON", "2[\"x\",{a:1}]", SocketIOParseError.InvalidJson);
        yield return Case("EVENT with single quotes", "2['x']", SocketIOParseError.InvalidJson);
        yield return Case("EVENT with a trailing comma", "2[\"x\",]", SocketIOParseError.InvalidJson);
        yield return Case("EVENT nested deeper than 64", "2[\"x\"," + new string('[', 70) + new string(']', 70) + "]", SocketIOParseError.InvalidJson);
        yield return Case("reserved event connect", "2[\"connect\"]", SocketIOParseError.InvalidPayload);
        yield return Case("reserved event connect_error", "2[\"connect_error\",1]", SocketIOParseError.InvalidPayload);
        yield return Case("reserved event disconnect", "2/admin,[\"disconnect\"]", SocketIOParseError.InvalidPayload);
        yield return Case("reserved event disconnecting", "2[\"disconnecting\"]", SocketIOParseError.InvalidPayload);
        yield return Case("reserved event newListener", "21[\"newListener\"]", SocketIOParseError.InvalidPayload);
        yield return Case("reserved event removeListener", "51-[\"removeListener\",{\"_placeholder\":true,\"num\":0}]", SocketIOParseError.InvalidPayload);
        yield return Case("ACK with an object", "31{}", SocketIOParseError.InvalidPayload);
        yield return Case("ACK without payload", "31", SocketIOParseError.InvalidPayload);
        yield return Case("DISCONNECT with payload", "1/custom,{}", SocketIOParseError.InvalidPayload);
        yield return Case("CONNECT with an array", "0[]", SocketIOParseError.InvalidPayload);
        yield return Case("CONNECT with a string", "0\"token\"", SocketIOParseError.InvalidPayload);
        yield return Case("CONNECT with a number is an ack id", "0123", SocketIOParseError.InvalidAckId);
        yield return Case("CONNECT_ERROR with an array", "4[]", SocketIOParseError.InvalidPayload);
        yield return Case("ack id on CONNECT", "0/admin,1{}", SocketIOParseError.InvalidAckId);
        yield return Case("ack id on DISCONNECT", "17", SocketIOParseError.InvalidAckId);
        yield return Case("ack id on CONNECT_ERROR", "41{\"message\":\"x\"}", SocketIOParseError.InvalidAckId);
        yield return Case("ack id of 16 digits", "21234567890123456[\"a\"]", SocketIOParseError.InvalidAckId);
        yield return Case("ack id of 20 digits", "399999999999999999999[]", SocketIOParseError.InvalidAckId);
        yield return Case("binary without attachment count", "5[\"a\"]", SocketIOParseError.IllegalAttachments);
        yield return Case("binary with a dash only", "5-[\"a\"]", SocketIOParseError.IllegalAttachments);
        yield return Case("binary with a non-numeric count", "5x-[\"a\"]", SocketIOParseError.IllegalAttachments);
        yield return Case("binary with a four-digit count", "51000-[\"a\"]", SocketIOParseError.IllegalAttachments);
        yield return Case("binary ack without a dash", "61", SocketIOParseError.IllegalAttachments);
        yield return Case("too many attachments", "511-[\"a\"]", SocketIOParseError.TooManyAttachments);
        yield return Case("far too many attachments", "6999-1[]", SocketIOParseError.TooManyAttachments);
        yield return Case("namespace longer than 256 bytes", "0/" + new string('n', 256) + ",", SocketIOParseError.InvalidNamespace);
    }

    [TestCaseSource(nameof(Malformed))]
    public void Refuses(string text, SocketIOParseError expected)
    {
        var error = SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text), out var packet);

        Assert.That(error, Is.EqualTo(expected));
        Assert.That(packet, Is.Null);
    }

    [Test]
    public void RefusesANamespaceThatIsNotUtf8()
    {
        byte[] text = [(byte)'0', (byte)'/', 0xC3, 0x28, (byte)','];

        var error = SocketIOPacketDecoder.Decode(text, out var packet);

        Assert.That(error, Is.EqualTo(SocketIOParseError.InvalidNamespace));
        Assert.That(packet, Is.Null);
    }

    [TestCase(SocketIOParseError.EmptyPacket, "empty packet")]
    [TestCase(SocketIOParseError.InvalidJson, "invalid json")]
    [TestCase(SocketIOParseError.TooManyAttachments, "too many attachments")]
    [TestCase(SocketIOParseError.UnexpectedBinary, "got binary data when not reconstructing a packet")]
    [TestCase(SocketIOParseError.UnexpectedText, "got plaintext data when reconstructing a packet")]
    public void DescribesTheError(SocketIOParseError error, string message) => Assert.That(error.ToMessage(), Is.EqualTo(message));

    private static TestCaseData Case(string name, string text, SocketIOParseError expected) => new TestCaseData(text, expected).SetName(name);
}
