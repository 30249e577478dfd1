using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Redis.Codec;

namespace Toki.Server.Tests.Cluster.Codec;

/// <summary>
/// MessagePack as the Node adapters write it, to Toki's JSON with binary placeholders and back: exact bytes in, exact
/// JSON (and attachments, as "+hex") out. Includes notepack.io 2.x's own extensions (its 3.x writes standard forms).
/// </summary>
[Category(TestCategories.Unit)]
public sealed class MsgPackJsonTests
{
    private static IEnumerable<TestCaseData> Decodings()
    {
        yield return Case("positive fixint", "07", "7");
        yield return Case("negative fixint", "f9", "-7");
        yield return Case("uint8", "ccff", "255");
        yield return Case("uint16", "cd0100", "256");
        yield return Case("uint32", "ce00010000", "65536");
        yield return Case("uint64 beyond int64", "cfffffffffffffffff", "18446744073709551615");
        yield return Case("int8", "d080", "-128");
        yield return Case("int64", "d3ffffff0000000000", "-1099511627776");
        yield return Case("float64", "cb3ff8000000000000", "1.5");
        yield return Case("float32", "ca3fc00000", "1.5");
        yield return Case("NaN is null, as JSON.stringify writes it", "cb7ff8000000000000", "null");
        yield return Case("nil, true, false", "93c0c3c2", "[null,true,false]");
        yield return Case("fixstr", "a3616263", "\"abc\"");
        // System.Text.Json escapes characters beyond the BMP even when relaxed: the same string to every JSON reader.
        yield return Case("str8 with UTF-8", "d906c3a9f09f9880", "\"é\\uD83D\\uDE00\"");
        yield return Case("map keeps key order", "82a16201a16102", "{\"b\":1,\"a\":2}");
        yield return Case("numeric map key", "8101a178", "{\"1\":\"x\"}");
        yield return Case("bin is an attachment", "92c40201ffc400", "[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}] +01ff +");
        yield return Case("notepack 2 ArrayBuffer: ext 0", "c7020001ff", "{\"_placeholder\":true,\"num\":0} +01ff");
        yield return Case("notepack 2 undefined in a map is dropped", "82a16101a162d40000", "{\"a\":1}");
        yield return Case("notepack 2 undefined in an array is null", "92d4000002", "[null,2]");
        yield return Case("notepack 2 Date: fixext8 type 0", "d7000000019b7ca98f2e", "\"2026-01-02T03:04:05.678Z\"");
        yield return Case("timestamp 32", "d6ff00000000", "\"1970-01-01T00:00:00.000Z\"");
        yield return Case("timestamp 64 (notepack 3, @msgpack/msgpack)", "d7ffa1a5d600695735a5", "\"2026-01-02T03:04:05.678Z\"");
        yield return Case("timestamp 96", "c70cff00000000ffffffffffffffff", "\"1969-12-31T23:59:59.000Z\"");
        yield return Case("another extension type, as notepack reads it", "d4050a", "[5,{\"_placeholder\":true,\"num\":0}] +0a");
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return Bad("empty", "");
        yield return Bad("truncated string", "a36162");
        yield return Bad("truncated map", "82a16101");
        yield return Bad("trailing bytes", "0101");
        yield return Bad("never used code", "c1");
        yield return Bad("map key that is an array", "8190c0");
        yield return Bad("timestamp of 5 bytes", "c705ff0000000000");
        yield return Bad("nesting deeper than 64", string.Concat(Enumerable.Repeat("91", 70)) + "c0");
    }

    [TestCaseSource(nameof(Decodings))]
    public void Decodes(string hex, string expected)
    {
        Assert.That(ClusterMessageText.Data(MsgPackJson.Decode(Convert.FromHexString(hex))), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Malformed))]
    public void RefusesMalformedInput(string hex)
    {
        var exception = Assert.Throws<ClusterFormatException>(() => MsgPackJson.Decode(Convert.FromHexString(hex)));
        Assert.That(exception!.Message, Does.Contain("MessagePack"));
    }

    [TestCase("7", "07")]
    [TestCase("-7", "f9")]
    [TestCase("255", "ccff")]
    [TestCase("-129", "d1ff7f")]
    [TestCase("1.0", "01")]
    [TestCase("1.5", "cb3ff8000000000000")]
    [TestCase("1e20", "cb4415af1d78b58c40")]
    [TestCase("18446744073709551615", "cfffffffffffffffff")]
    [TestCase("\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"", "d928" + "78787878787878787878787878787878787878787878787878787878787878787878787878787878")]
    [TestCase("{\"a\":[true,null]}", "81a16192c3c0")]
    [TestCase("{\"_placeholder\":true,\"num\":0}", "82ac5f706c616365686f6c646572c3a36e756d00")]
    public void EncodesTheWayNodeDoes(string json, string hex)
    {
        Assert.That(Convert.ToHexStringLower(MsgPackJson.Encode(new SocketIOData(System.Text.Encoding.UTF8.GetBytes(json)))), Is.EqualTo(hex));
    }

    [Test]
    public void EncodesPlaceholdersAsBinOnlyWhenThereAreAttachments()
    {
        var data = new SocketIOData("[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":2}]"u8.ToArray(),
            [new byte[] { 1 }, new byte[] { 2, 3 }]);

        Assert.That(Convert.ToHexStringLower(MsgPackJson.Encode(data)), Is.EqualTo("93c4020203c4010182ac5f706c616365686f6c646572c3a36e756d02"));
    }

    private static TestCaseData Case(string name, string hex, string expected) => new TestCaseData(hex, expected).SetName("Decodes " + name);

    private static TestCaseData Bad(string name, string hex) => new TestCaseData(hex).SetName("Refuses " + name);
}
