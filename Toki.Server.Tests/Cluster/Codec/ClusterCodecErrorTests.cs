using System.Text;
using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Redis.Codec;

namespace Toki.Server.Tests.Cluster.Codec;

/// <summary>
/// Malformed cluster messages, each mapped to its exact error (the message is then dropped and logged, never applied).
/// MessagePack inputs are written as the JSON of the value they encode.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class ClusterCodecErrorTests
{
    private static IEnumerable<TestCaseData> StreamEntries()
    {
        yield return Entry("99", "{}", "stream entry of unknown type '99'");
        yield return Entry("x", "{}", "stream entry of unknown type 'x'");
        yield return Entry("1", null, "stream entry of unknown type '1'");
        yield return Entry("3", "not json, not base64!", "stream entry data that is neither JSON nor base64");
        yield return Entry("3", "{}", "a broadcast without a packet");
        yield return Entry("3", """{"packet":{"type":1,"data":["x"]}}""", "a broadcast packet of type 1, not an event");
        yield return Entry("3", """{"packet":{"type":2,"data":["x"],"id":4}}""", "a broadcast packet of type 2, not an event");
        yield return Entry("3", """{"packet":{"type":2}}""", "a broadcast packet without data");
        yield return Entry("3", """{"packet":{"type":2,"data":"x"}}""", "event data that is not an array");
        yield return Entry("3", """{"packet":{"type":2,"data":[1]}}""", "event data without an event name");
        yield return Entry("3", """{"packet":""", "malformed JSON in a cluster message");
        yield return Entry("4", null, "message type 4 without a data object");
        yield return Entry("7", """{"opts":{}}""", "message type 7 without a requestId");
        yield return Entry("11", """{"requestId":"r"}""", "a client count without clientCount");
    }

    private static IEnumerable<TestCaseData> PubSubMessages()
    {
        yield return Pack("[1]", "pub/sub message that is not a map");
        yield return Pack("""{"type":42,"uid":"u","nsp":"/"}""", "pub/sub message of unknown type 42");
        yield return Pack("""{"type":2,"uid":"u","nsp":"/"}""", "pub/sub message of unknown type 2");
        yield return Pack("""{"type":7,"nsp":"/","data":{"requestId":"r"}}""", "pub/sub message without uid");
        yield return Pack("""{"type":7,"uid":"u","data":{"requestId":"r"}}""", "pub/sub message without nsp");
        yield return Pack("""{"type":8,"uid":"u","nsp":"/","data":{"requestId":"r"}}""", "message type 8 without sockets");
        yield return Pack("""{"type":9,"uid":"u","nsp":"/","data":{"packet":[]}}""", "event data without an event name");
    }

    private static IEnumerable<TestCaseData> ClassicMessages()
    {
        yield return Classic("broadcast", Hex(Pack("{}")), "a classic broadcast that is not [uid, packet, opts]");
        yield return Classic("broadcast", Hex(Pack("""["u",{"type":1,"data":["x"]},{}]""")), "a classic broadcast whose packet is not an event");
        yield return Classic("broadcast", "c1", "MessagePack code 0xc1 is not a value");
        yield return Classic("broadcast", "93a175", "malformed MessagePack: ");
        yield return Classic("request", Hex("""{"uid":"u","type":42}"""), "a classic request of unknown type 42");
        yield return Classic("request", Hex("""{"uid":"u","type":5,"opts":{}}"""), "a classic request without requestId");
        yield return Classic("request", Hex("""{"uid":"u","type":2,"room":"r"}"""), "a single-socket request without sid");
        yield return Classic("request", Hex("""{"uid":"u","type":3,"sid":"s"}"""), "a single-socket request without room");
        yield return Classic("request", Hex("""{"uid":"u","type":6,"data":[]}"""), "a server-side emit without an event");
        yield return Classic("request", Hex("""{"uid":"u","type":6"""), "malformed JSON in a classic message");
        yield return Classic("response", Hex("""{"type":8}"""), "a classic response without requestId");
        yield return Classic("response", Hex("""{"type":8,"requestId":"r"}"""), "a client count without clientCount");
    }

    [TestCaseSource(nameof(StreamEntries))]
    public void StreamEntriesThatDoNotFitAreRefused(string type, string? data, string error)
    {
        var exception = Assert.Throws<ClusterFormatException>(() => StreamsCodec.DecodeEntry(new StreamsCodec.Entry("u", "/", type, data)));
        Assert.That(exception!.Message, Is.EqualTo(error));
    }

    [TestCaseSource(nameof(PubSubMessages))]
    public void PubSubMessagesThatDoNotFitAreRefused(byte[] payload, string error)
    {
        var exception = Assert.Throws<ClusterFormatException>(() => StreamsCodec.DecodePubSub(payload));
        Assert.That(exception!.Message, Is.EqualTo(error));
    }

    [TestCaseSource(nameof(ClassicMessages))]
    public void ClassicMessagesThatDoNotFitAreRefused(string kind, string hex, string error)
    {
        var payload = Convert.FromHexString(hex);
        var exception = Assert.Throws<ClusterFormatException>(() => _ = kind switch
        {
            "request" => ClassicCodec.DecodeRequest(payload, "/"),
            "response" => ClassicCodec.DecodeResponse(payload, "/"),
            _ => ClassicCodec.DecodeBroadcast(payload),
        });
        Assert.That(exception!.Message, Does.StartWith(error));
    }

    [Test]
    public void ASessionThatIsNotBase64IsRefused()
    {
        Assert.That(Assert.Throws<ClusterFormatException>(() => StreamsCodec.DecodeSession("%%%"))!.Message, Is.EqualTo("a stored session that is not base64"));
        Assert.That(Assert.Throws<ClusterFormatException>(() => StreamsCodec.DecodeSession(Convert.ToBase64String(Pack("""{"sid":"s"}"""))))!.Message,
            Is.EqualTo("a stored session without sid and pid"));
    }

    private static TestCaseData Entry(string type, string? data, string error) => new(type, data, error);

    private static TestCaseData Pack(string json, string error) => new(Pack(json), error);

    private static TestCaseData Classic(string kind, string hex, string error) => new(kind, hex, error);

    private static byte[] Pack(string json) => MsgPackJson.Encode(new SocketIOData(Encoding.UTF8.GetBytes(json)));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));
}
