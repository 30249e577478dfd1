using System.Buffers;
using NUnit.Framework;
using Toki.EngineIO.Transports;
using Toki.Server.Tests.EngineIO.Support;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// RFC 6455 frame headers byte for byte: the unmasked headers the server writes for every length form, and the
/// client headers it reads (masked or not, every length form, reserved bits and opcodes kept as sent), including
/// headers that have not fully arrived. Bytes are written in hex, a space between fields.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class WebSocketFrameHeaderTests
{
    private static IEnumerable<TestCaseData> ServerHeaders()
    {
        yield return Write("empty text", WebSocketOpcode.Text, 0, "81 00");
        yield return Write("short text", WebSocketOpcode.Text, 5, "81 05");
        yield return Write("longest 7-bit binary", WebSocketOpcode.Binary, 125, "82 7d");
        yield return Write("shortest 16-bit binary", WebSocketOpcode.Binary, 126, "82 7e 007e");
        yield return Write("16-bit text", WebSocketOpcode.Text, 1000, "81 7e 03e8");
        yield return Write("longest 16-bit binary", WebSocketOpcode.Binary, 65535, "82 7e ffff");
        yield return Write("shortest 64-bit binary", WebSocketOpcode.Binary, 65536, "82 7f 0000000000010000");
        yield return Write("longest 64-bit text", WebSocketOpcode.Text, int.MaxValue, "81 7f 000000007fffffff");
        yield return Write("close with a status", WebSocketOpcode.Close, 2, "88 02");
        yield return Write("empty pong", WebSocketOpcode.Pong, 0, "8a 00");
        yield return Write("pong with the longest control payload", WebSocketOpcode.Pong, 125, "8a 7d");
    }

    // Expected: "fin rsv opcode masked length mask", the mask as the uint the header holds (little-endian bytes).
    private static IEnumerable<TestCaseData> ClientHeaders()
    {
        yield return Read("RFC 6455 masked Hello", "81 85 37fa213d", 6, "fin 0 Text masked 5 3d21fa37");
        yield return Read("RFC 6455 unmasked Hello", "81 05", 2, "fin 0 Text unmasked 5 00000000");
        yield return Read("unmasked first fragment", "01 03", 2, "more 0 Text unmasked 3 00000000");
        yield return Read("masked continuation, final", "80 83 01020304", 6, "fin 0 Continuation masked 3 04030201");
        yield return Read("masked continuation, not final", "00 80 01020304", 6, "more 0 Continuation masked 0 04030201");
        yield return Read("masked empty binary", "82 80 00000000", 6, "fin 0 Binary masked 0 00000000");
        yield return Read("longest 7-bit length", "82 fd aabbccdd", 6, "fin 0 Binary masked 125 ddccbbaa");
        yield return Read("masked 16-bit length", "82 fe 0100 11223344", 8, "fin 0 Binary masked 256 44332211");
        yield return Read("unmasked 16-bit length", "82 7e ffff", 4, "fin 0 Binary unmasked 65535 00000000");
        yield return Read("16-bit form of a short length is taken as is", "81 fe 0005 01020304", 8, "fin 0 Text masked 5 04030201");
        yield return Read("masked 64-bit length", "82 ff 0000000000010000 01020304", 14, "fin 0 Binary masked 65536 04030201");
        yield return Read("unmasked 64-bit length", "82 7f 0000000100000000", 10, "fin 0 Binary unmasked 4294967296 00000000");
        yield return Read("largest valid 64-bit length", "82 ff 7fffffffffffffff 01020304", 14,
            $"fin 0 Binary masked {long.MaxValue} 04030201");
        yield return Read("64-bit length with the top bit set is negative", "82 ff 8000000000000000 01020304", 14,
            $"fin 0 Binary masked {long.MinValue} 04030201");
        yield return Read("64-bit length of all ones is negative", "82 ff ffffffffffffffff 01020304", 14, "fin 0 Binary masked -1 04030201");
        yield return Read("masked ping", "89 84 01020304", 6, "fin 0 Ping masked 4 04030201");
        yield return Read("masked pong", "8a 80 01020304", 6, "fin 0 Pong masked 0 04030201");
        yield return Read("masked close", "88 82 01020304", 6, "fin 0 Close masked 2 04030201");
        yield return Read("fragmented ping is read as sent", "09 80 01020304", 6, "more 0 Ping masked 0 04030201");
        yield return Read("RSV1", "c1 80 01020304", 6, "fin 4 Text masked 0 04030201");
        yield return Read("RSV2", "a1 80 01020304", 6, "fin 2 Text masked 0 04030201");
        yield return Read("RSV3", "91 80 01020304", 6, "fin 1 Text masked 0 04030201");
        yield return Read("all reserved bits", "f1 80 01020304", 6, "fin 7 Text masked 0 04030201");
        yield return Read("reserved data opcode 3", "83 80 01020304", 6, "fin 0 3 masked 0 04030201");
        yield return Read("reserved control opcode 11", "8b 80 01020304", 6, "fin 0 11 masked 0 04030201");
    }

    private static IEnumerable<TestCaseData> IncompleteHeaders()
    {
        yield return new TestCaseData("").SetName("nothing");
        yield return new TestCaseData("81").SetName("first byte only");
        yield return new TestCaseData("81 85").SetName("masked, no mask yet");
        yield return new TestCaseData("81 85 37fa21").SetName("masked, three mask bytes");
        yield return new TestCaseData("82 7e").SetName("16-bit length missing");
        yield return new TestCaseData("82 7e 01").SetName("16-bit length half there");
        yield return new TestCaseData("82 fe 0100 112233").SetName("16-bit length, mask incomplete");
        yield return new TestCaseData("82 7f 00000000000100").SetName("64-bit length, one byte missing");
        yield return new TestCaseData("82 ff 0000000000010000 112233").SetName("64-bit length, mask incomplete");
    }

    private static IEnumerable<TestCaseData> ClientHeadersInSingleBytes() => InSingleBytes(ClientHeaders());

    private static IEnumerable<TestCaseData> IncompleteHeadersInSingleBytes() => InSingleBytes(IncompleteHeaders());

    [TestCaseSource(nameof(ServerHeaders))]
    public void Writes_server_headers(byte opcode, int payloadLength, string expected)
    {
        var destination = new byte[WebSocketFrameHeader.MaxLength + 2];
        Array.Fill(destination, (byte)0xcc);

        var written = WebSocketFrameHeader.WriteServer(destination, (WebSocketOpcode)opcode, payloadLength);

        Assert.That(Convert.ToHexStringLower(destination.AsSpan(0, written)), Is.EqualTo(Hex(expected)));
        Assert.That(WebSocketFrameHeader.GetServerLength(payloadLength), Is.EqualTo(written));
        Assert.That(destination.AsSpan(written).ToArray(), Is.All.EqualTo(0xcc), "wrote past the header");
    }

    [TestCaseSource(nameof(ClientHeaders))]
    public void Reads_client_headers(string bytes, int headerLength, string expected)
    {
        var withPayload = Bytes(bytes + " 5a5a5a");
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(withPayload));

        Assert.That(WebSocketFrameHeader.TryRead(ref reader, out var header), Is.True);
        Assert.That(Describe(header), Is.EqualTo(expected));
        Assert.That(reader.Consumed, Is.EqualTo(headerLength));
    }

    [TestCaseSource(nameof(ClientHeadersInSingleBytes))]
    public void Reads_client_headers_split_into_single_bytes(string bytes, int headerLength, string expected)
    {
        var reader = new SequenceReader<byte>(SegmentedSequence.ByteByByte(Bytes(bytes)));

        Assert.That(WebSocketFrameHeader.TryRead(ref reader, out var header), Is.True);
        Assert.That(Describe(header), Is.EqualTo(expected));
        Assert.That(reader.Consumed, Is.EqualTo(headerLength));
    }

    [TestCaseSource(nameof(IncompleteHeaders))]
    public void Leaves_an_incomplete_header_unread(string bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Bytes(bytes)));

        Assert.That(WebSocketFrameHeader.TryRead(ref reader, out _), Is.False);
        Assert.That(reader.Consumed, Is.Zero);
    }

    [TestCaseSource(nameof(IncompleteHeadersInSingleBytes))]
    public void Leaves_an_incomplete_header_split_into_single_bytes_unread(string bytes)
    {
        var reader = new SequenceReader<byte>(SegmentedSequence.ByteByByte(Bytes(bytes)));

        Assert.That(WebSocketFrameHeader.TryRead(ref reader, out _), Is.False);
        Assert.That(reader.Consumed, Is.Zero);
    }

    [Test]
    public void Reads_a_header_from_where_the_reader_stands()
    {
        var reader = new SequenceReader<byte>(SegmentedSequence.Create(Bytes("81 80 01020304 82 fe 0100 11223344"), 3, 9));

        Assert.That(WebSocketFrameHeader.TryRead(ref reader, out var first), Is.True);
        Assert.That(WebSocketFrameHeader.TryRead(ref reader, out var second), Is.True);

        Assert.That(Describe(first), Is.EqualTo("fin 0 Text masked 0 04030201"));
        Assert.That(Describe(second), Is.EqualTo("fin 0 Binary masked 256 44332211"));
        Assert.That(reader.End, Is.True);
    }

    // Opcodes are bytes here: the enum is internal and a public test method cannot take it.
    [TestCase(0x0, false, TestName = "continuation is data")]
    [TestCase(0x1, false, TestName = "text is data")]
    [TestCase(0x2, false, TestName = "binary is data")]
    [TestCase(0x7, false, TestName = "reserved 7 is data")]
    [TestCase(0x8, true, TestName = "close is control")]
    [TestCase(0x9, true, TestName = "ping is control")]
    [TestCase(0xA, true, TestName = "pong is control")]
    [TestCase(0xF, true, TestName = "reserved 15 is control")]
    public void Tells_control_frames_by_the_opcode_high_bit(byte opcode, bool expected) =>
        Assert.That(new WebSocketFrameHeader(true, 0, (WebSocketOpcode)opcode, true, 0, 0).IsControl, Is.EqualTo(expected));

    private static TestCaseData Write(string name, WebSocketOpcode opcode, int payloadLength, string expected) =>
        new TestCaseData((byte)opcode, payloadLength, expected).SetName(name);

    private static TestCaseData Read(string name, string bytes, int headerLength, string expected) =>
        new TestCaseData(bytes, headerLength, expected).SetName(name);

    private static IEnumerable<TestCaseData> InSingleBytes(IEnumerable<TestCaseData> cases) =>
        cases.Select(data => new TestCaseData(data.Arguments).SetName(data.TestName + ", one byte per segment"));

    private static string Describe(WebSocketFrameHeader header)
    {
        var opcode = Enum.IsDefined(header.Opcode) ? header.Opcode.ToString() : ((byte)header.Opcode).ToString();
        return $"{(header.Fin ? "fin" : "more")} {header.Reserved} {opcode} {(header.Masked ? "masked" : "unmasked")} "
            + $"{header.PayloadLength} {header.Mask:x8}";
    }

    private static string Hex(string spaced) => spaced.Replace(" ", "", StringComparison.Ordinal);

    private static byte[] Bytes(string spaced) => Convert.FromHexString(Hex(spaced));
}
