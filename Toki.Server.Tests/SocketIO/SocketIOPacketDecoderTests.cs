using System.Text;
using NUnit.Framework;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.SocketIO;

/// <summary>The Socket.IO v5 packet decoder against the spec's examples: every field of the decoded packet.</summary>
[Category(TestCategories.Unit)]
public sealed class SocketIOPacketDecoderTests
{
    private static IEnumerable<TestCaseData> Packets()
    {
        // type, namespace, ack id, attachments, payload JSON (null when absent)
        yield return Case("spec: CONNECT main namespace", "0", SocketIOPacketType.Connect, "/", null, 0, null);
        yield return Case("spec: CONNECT custom namespace", "0/admin,", SocketIOPacketType.Connect, "/admin", null, 0, null);
        yield return Case("spec: CONNECT with auth", "0/admin,{\"token\":\"123\"}", SocketIOPacketType.Connect, "/admin", null, 0, "{\"token\":\"123\"}");
        yield return Case("CONNECT namespace without comma", "0/admin", SocketIOPacketType.Connect, "/admin", null, 0, null);
        yield return Case("CONNECT with recovery auth", "0{\"pid\":\"p1\",\"offset\":\"42\"}", SocketIOPacketType.Connect, "/", null, 0, "{\"pid\":\"p1\",\"offset\":\"42\"}");
        yield return Case("CONNECT non-ASCII namespace", "0/admin\u2122,", SocketIOPacketType.Connect, "/admin\u2122", null, 0, null);
        yield return Case("spec: DISCONNECT custom namespace", "1/admin,", SocketIOPacketType.Disconnect, "/admin", null, 0, null);
        yield return Case("DISCONNECT main namespace", "1", SocketIOPacketType.Disconnect, "/", null, 0, null);
        yield return Case("spec: EVENT", "2[\"hello\",1]", SocketIOPacketType.Event, "/", null, 0, "[\"hello\",1]");
        yield return Case("spec: EVENT with namespace and ack id", "2/admin,456[\"project:delete\",123]", SocketIOPacketType.Event, "/admin", 456L, 0, "[\"project:delete\",123]");
        yield return Case("EVENT with ack id 0", "20[\"a\"]", SocketIOPacketType.Event, "/", 0L, 0, "[\"a\"]");
        yield return Case("EVENT with the longest ack id", "2999999999999999[\"a\"]", SocketIOPacketType.Event, "/", 999_999_999_999_999L, 0, "[\"a\"]");
        yield return Case("EVENT with a numeric name", "2[42,\"x\"]", SocketIOPacketType.Event, "/", null, 0, "[42,\"x\"]");
        yield return Case("EVENT in a non-ASCII namespace", "2/admin\u2122,7[\"h\u00e9\"]", SocketIOPacketType.Event, "/admin\u2122", 7L, 0, "[\"h\u00e9\"]");
        yield return Case("EVENT with nested JSON and trailing whitespace", "2[\"a\",{\"b\":[1,2.5,null,true]}] ", SocketIOPacketType.Event, "/", null, 0, "[\"a\",{\"b\":[1,2.5,null,true]}]");
        yield return Case("EVENT named like a reserved name with different case", "2[\"Connect\"]", SocketIOPacketType.Event, "/", null, 0, "[\"Connect\"]");
        yield return Case("spec: ACK", "3/admin,456[]", SocketIOPacketType.Ack, "/admin", 456L, 0, "[]");
        yield return Case("ACK main namespace", "31[\"ok\",2]", SocketIOPacketType.Ack, "/", 1L, 0, "[\"ok\",2]");
        yield return Case("spec: CONNECT_ERROR", "4{\"message\":\"Not authorized\"}", SocketIOPacketType.ConnectError, "/", null, 0, "{\"message\":\"Not authorized\"}");
        yield return Case("CONNECT_ERROR with a string", "4/admin,\"nope\"", SocketIOPacketType.ConnectError, "/admin", null, 0, "\"nope\"");
        yield return Case("spec: BINARY_EVENT", "51-[\"hello\",{\"_placeholder\":true,\"num\":0}]", SocketIOPacketType.BinaryEvent, "/", null, 1,
            "[\"hello\",{\"_placeholder\":true,\"num\":0}]");
        yield return Case("BINARY_EVENT with namespace, ack id and two attachments", "52-/up,9[\"f\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
            SocketIOPacketType.BinaryEvent, "/up", 9L, 2, "[\"f\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        yield return Case("BINARY_EVENT with zero attachments", "50-[\"a\"]", SocketIOPacketType.BinaryEvent, "/", null, 0, "[\"a\"]");
        yield return Case("BINARY_EVENT with the most attachments", "510-[\"a\"]", SocketIOPacketType.BinaryEvent, "/", null, 10, "[\"a\"]");
        yield return Case("spec: BINARY_ACK", "61-/admin,456[{\"_placeholder\":true,\"num\":0}]", SocketIOPacketType.BinaryAck, "/admin", 456L, 1,
            "[{\"_placeholder\":true,\"num\":0}]");
    }

    [TestCaseSource(nameof(Packets))]
    public void Decodes(string text, SocketIOPacketType type, string @namespace, long? ackId, int attachments, string? payload)
    {
        var error = SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text), out var packet);

        Assert.That(error, Is.EqualTo(SocketIOParseError.None));
        using (packet)
        {
            Assert.That(packet!.Type, Is.EqualTo(type));
            Assert.That(packet.Namespace, Is.EqualTo(@namespace));
            Assert.That(packet.AckId, Is.EqualTo(ackId));
            Assert.That(packet.AttachmentCount, Is.EqualTo(attachments));
            Assert.That(packet.Payload?.RootElement.GetRawText(), Is.EqualTo(payload));
        }
    }

    [Test]
    public void HonoursAConfiguredAttachmentLimit()
    {
        var error = SocketIOPacketDecoder.Decode("53-[\"a\"]"u8, out var packet, maxAttachments: 2);

        Assert.That(error, Is.EqualTo(SocketIOParseError.TooManyAttachments));
        Assert.That(packet, Is.Null);
    }

    private static TestCaseData Case(string name, string text, SocketIOPacketType type, string @namespace, long? ackId, int attachments, string? payload) =>
        new TestCaseData(text, type, @namespace, ackId, attachments, payload).SetName(name);
}
