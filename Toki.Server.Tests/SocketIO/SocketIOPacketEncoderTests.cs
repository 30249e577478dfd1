using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO.Protocol;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// The Socket.IO encoder, byte for byte, as Engine.IO message frames ("4" + packet). Binary attachments are
/// written as hex after the header, "|"-separated.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class SocketIOPacketEncoderTests
{
    private SocketIOServer _server = null!;

    private JsonSerializerOptions Json => _server.JsonOptions;

    [OneTimeSetUp]
    public void CreateServer() => _server = new SocketIOServer(new SocketIOServerOptions(), new FakeTimeProvider(), NullLoggerFactory.Instance);

    [OneTimeTearDown]
    public async Task DisposeServer() => await _server.DisposeAsync();

    private static IEnumerable<TestCaseData> Events()
    {
        yield return Case("EVENT", "/", "hello", [1, "two"], null, null, "42[\"hello\",1,\"two\"]");
        yield return Case("EVENT without arguments, with ack id", "/", "hello", [], 12L, null, "4212[\"hello\"]");
        yield return Case("EVENT with namespace and ack id", "/admin", "x", [true, null], 3L, null, "42/admin,3[\"x\",true,null]");
        yield return Case("EVENT in a non-ASCII namespace", "/admin\u2122", "h\u00e9llo", ["\u20ac"], null, null, "42/admin\u2122,[\"h\u00e9llo\",\"\u20ac\"]");
        yield return Case("EVENT with recovery offset", "/", "news", ["a"], null, "17", "42[\"news\",\"a\",\"17\"]");
        yield return Case("EVENT numbers", "/", "n", [2L, 2.5, -1], null, null, "42[\"n\",2,2.5,-1]");
        yield return Case("EVENT escapes quotes and control characters", "/", "q\"", ["a\"b\n\\"], null, null, "42[\"q\\\"\",\"a\\\"b\\n\\\\\"]");
        yield return Case("EVENT object in camelCase", "/", "user", [new { UserName = "ann", Age = 3 }], null, null, "42[\"user\",{\"userName\":\"ann\",\"age\":3}]");
        yield return Case("EVENT raw JSON verbatim", "/", "raw", [SocketIORawJson.FromString("{\"a\" : 1.50}")], null, null, "42[\"raw\",{\"a\" : 1.50}]");
        yield return Case("EVENT JSON element verbatim", "/", "el", [JsonDocument.Parse("[1, \"x\"]").RootElement], null, null, "42[\"el\",[1, \"x\"]]");
        yield return Case("BINARY_EVENT top-level byte[]", "/", "bin", [new byte[] { 1, 2, 3 }], null, null,
            "451-[\"bin\",{\"_placeholder\":true,\"num\":0}]|010203");
        yield return Case("BINARY_EVENT byte[] nested in an object", "/", "bin", [new { Name = "f", Data = new byte[] { 9 } }], null, null,
            "451-[\"bin\",{\"name\":\"f\",\"data\":{\"_placeholder\":true,\"num\":0}}]|09");
        yield return Case("BINARY_EVENT top-level and nested in arrays", "/", "bin", [new byte[] { 1 }, new { Inner = new[] { new byte[] { 2 }, new byte[] { 3 } } }], null, null,
            "453-[\"bin\",{\"_placeholder\":true,\"num\":0},{\"inner\":[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]}]|01|02|03");
        yield return Case("BINARY_EVENT ReadOnlyMemory", "/", "bin", [new ReadOnlyMemory<byte>([7, 8])], null, null,
            "451-[\"bin\",{\"_placeholder\":true,\"num\":0}]|0708");
        yield return Case("BINARY_EVENT empty byte[]", "/", "bin", [Array.Empty<byte>()], null, null,
            "451-[\"bin\",{\"_placeholder\":true,\"num\":0}]|");
        yield return Case("BINARY_EVENT with namespace, ack id and offset", "/up", "bin", [new byte[] { 1 }], 4L, "9",
            "451-/up,4[\"bin\",{\"_placeholder\":true,\"num\":0},\"9\"]|01");
    }

    private static IEnumerable<TestCaseData> Acks()
    {
        yield return new TestCaseData("/", 5L, new object?[] { "ok" }).Returns("435[\"ok\"]").SetName("ACK");
        yield return new TestCaseData("/admin", 5L, Array.Empty<object?>()).Returns("43/admin,5[]").SetName("ACK without arguments in a namespace");
        yield return new TestCaseData("/", 0L, new object?[] { null, 1 }).Returns("430[null,1]").SetName("ACK id 0");
        yield return new TestCaseData("/", 7L, new object?[] { new byte[] { 1, 2 } }).Returns("461-7[{\"_placeholder\":true,\"num\":0}]|0102").SetName("BINARY_ACK");
        yield return new TestCaseData("/admin", 7L, new object?[] { "a", new { B = new byte[] { 3 } } })
            .Returns("461-/admin,7[\"a\",{\"b\":{\"_placeholder\":true,\"num\":0}}]|03").SetName("BINARY_ACK nested in a namespace");
    }

    [TestCaseSource(nameof(Events))]
    public void EncodesEvents(string @namespace, string eventName, object?[] args, long? ackId, string? offset, string expected)
    {
        var packet = SocketIOPacketEncoder.EncodeEvent(@namespace, eventName, args, ackId, offset, Json);

        Assert.That(Describe(packet), Is.EqualTo(expected));
        Assert.That(packet.Offset, Is.EqualTo(offset));
    }

    [TestCaseSource(nameof(Acks))]
    public string EncodesAcks(string @namespace, long ackId, object?[] args) =>
        Describe(SocketIOPacketEncoder.EncodeAck(@namespace, ackId, args, Json));

    [TestCase("/", "abc", null, ExpectedResult = "40{\"sid\":\"abc\"}")]
    [TestCase("/", "abc", "p1", ExpectedResult = "40{\"sid\":\"abc\",\"pid\":\"p1\"}")]
    [TestCase("/admin\u2122", "abc", null, ExpectedResult = "40/admin\u2122,{\"sid\":\"abc\"}")]
    [TestCase("/admin", "abc", "p1", ExpectedResult = "40/admin,{\"sid\":\"abc\",\"pid\":\"p1\"}")]
    public string EncodesConnect(string @namespace, string sid, string? pid) => Text(SocketIOPacketEncoder.EncodeConnect(@namespace, sid, pid));

    [Test]
    public void EncodesConnectErrors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Text(SocketIOPacketEncoder.EncodeConnectError("/", "Not authorized", null, Json)), Is.EqualTo("44{\"message\":\"Not authorized\"}"));
            Assert.That(Text(SocketIOPacketEncoder.EncodeConnectError("/admin", "nope", new { Code = 401, Retry = false }, Json)),
                Is.EqualTo("44/admin,{\"message\":\"nope\",\"data\":{\"code\":401,\"retry\":false}}"));
            Assert.That(Text(SocketIOPacketEncoder.EncodeConnectError("/x", "Invalid namespace", "why", Json)),
                Is.EqualTo("44/x,{\"message\":\"Invalid namespace\",\"data\":\"why\"}"));
        });
    }

    [TestCase("/", ExpectedResult = "41")]
    [TestCase("/admin", ExpectedResult = "41/admin,")]
    [TestCase("/\u00e9", ExpectedResult = "41/\u00e9,")]
    public string EncodesDisconnect(string @namespace) => Text(SocketIOPacketEncoder.EncodeDisconnect(@namespace));

    [Test]
    public void ReEmitsReceivedArgumentsByteForByte()
    {
        const string received = "52-/up,3[\"upload\",{\"a\" : \"\\u00e9\",  \"n\":1.50},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]";
        using var args = Receive(received, first: 1, [[0xAA], [0xBB, 0xCC]]);

        var echoed = SocketIOPacketEncoder.EncodeEvent("/", "echo", args, null, "5");
        var acked = SocketIOPacketEncoder.EncodeAck("/up", 3, args);

        Assert.That(Describe(echoed), Is.EqualTo(
            "452-[\"echo\",{\"a\" : \"\\u00e9\",  \"n\":1.50},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0},\"5\"]|aa|bbcc"));
        Assert.That(Describe(acked), Is.EqualTo(
            "462-/up,3[{\"a\" : \"\\u00e9\",  \"n\":1.50},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]|aa|bbcc"));
    }

    [Test]
    public void ReEmitsReceivedTextArgumentsAsAPlainEvent()
    {
        using var args = Receive("2[\"m\",\"\u2122\",[1,{\"x\":null}]]", first: 1, null);

        Assert.That(Describe(SocketIOPacketEncoder.EncodeEvent("/", "m2", args, 8, null)), Is.EqualTo("428[\"m2\",\"\u2122\",[1,{\"x\":null}]]"));
    }

    private SocketIOArgs Receive(string text, int first, IReadOnlyList<byte[]>? attachments)
    {
        Assert.That(SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text), out var packet), Is.EqualTo(SocketIOParseError.None));
        using (packet)
        {
            return new SocketIOArgs(packet!.DetachPayload(), first, attachments, packet.PayloadLength, Json);
        }
    }

    private static string Text(EngineFrame frame)
    {
        Assert.That(frame.IsBinary, Is.False);
        return Encoding.UTF8.GetString(frame.Bytes.Span);
    }

    private static string Describe(OutboundPacket packet) =>
        string.Join("|", [Text(packet.Header), .. (packet.Attachments ?? []).Select(a => a.IsBinary ? Convert.ToHexStringLower(a.Bytes.Span) : "TEXT?")]);

    private static TestCaseData Case(string name, string @namespace, string eventName, object?[] args, long? ackId, string? offset, string expected) =>
        new TestCaseData(@namespace, eventName, args, ackId, offset, expected).SetName(name);
}
