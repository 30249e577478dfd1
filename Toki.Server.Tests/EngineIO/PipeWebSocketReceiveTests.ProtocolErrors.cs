using System.Net.WebSockets;
using NUnit.Framework;
using static Toki.Server.Tests.EngineIO.Support.ClientFrames;

namespace Toki.Server.Tests.EngineIO;

/// <summary>Frames that fail the connection: the close frame written (1002 or 1007), the read faulted, nothing parsed after.</summary>
public sealed partial class PipeWebSocketReceiveTests
{
    private const string Close1002 = "8802 03ea";
    private const string Close1007 = "8802 03ef";

    private static IEnumerable<TestCaseData> ProtocolErrors()
    {
        // Masking.
        yield return Case("unmasked text", Frame(0x81, "a", masked: false), "Faulted", wrote: Close1002);
        yield return Case("unmasked ping", Frame(0x89, "a", masked: false), "Faulted", wrote: Close1002);
        yield return Case("unmasked close", Frame(0x88, [], masked: false), "Faulted", wrote: Close1002);
        yield return Case("unmasked continuation", Concat(Frame(0x01, "a"), Frame(0x80, "b", masked: false)), "Faulted", wrote: Close1002);

        // Reserved bits and opcodes.
        yield return Case("RSV1", Frame(0xc1, "a"), "Faulted", wrote: Close1002);
        yield return Case("RSV2", Frame(0xa1, "a"), "Faulted", wrote: Close1002);
        yield return Case("RSV3", Frame(0x91, "a"), "Faulted", wrote: Close1002);
        yield return Case("RSV1 on a continuation", Concat(Frame(0x01, "a"), Frame(0xc0, "b")), "Faulted", wrote: Close1002);
        yield return Case("RSV1 on a ping", Frame(0xc9, "a"), "Faulted", wrote: Close1002);
        foreach (var opcode in new byte[] { 0x3, 0x7, 0xb, 0xf })
        {
            yield return Case($"reserved opcode {opcode}", Frame((byte)(0x80 | opcode), "a"), "Faulted", wrote: Close1002);
        }
        yield return Case("64-bit length with the top bit set", Bytes("82 ff 8000000000000000 37fa213d"), "Faulted", wrote: Close1002);

        // Fragmentation.
        yield return Case("continuation without a message", Frame(0x80, "a"), "Faulted", wrote: Close1002);
        yield return Case("first continuation without a message", Frame(0x00, "a"), "Faulted", wrote: Close1002);
        yield return Case("continuation after a whole message", Concat(Frame(0x81, "a"), Frame(0x80, "b")), "Text:a | Faulted", wrote: Close1002);
        yield return Case("text inside a fragmented message", Concat(Frame(0x01, "a"), Frame(0x81, "b")), "Faulted", wrote: Close1002);
        yield return Case("binary inside a fragmented message", Concat(Frame(0x01, "a"), Frame(0x02, "b")), "Faulted", wrote: Close1002);

        // Control frames.
        yield return Case("ping of 126 bytes", Frame(0x89, Pattern(126)), "Faulted", wrote: Close1002);
        yield return Case("pong of 126 bytes", Frame(0x8a, Pattern(126)), "Faulted", wrote: Close1002);
        yield return Case("close of 126 bytes", Frame(0x88, [0x03, 0xe8, .. Pattern(124)]), "Faulted", wrote: Close1002);
        yield return Case("fragmented ping", Frame(0x09, "a"), "Faulted", wrote: Close1002);
        yield return Case("fragmented pong", Frame(0x0a, "a"), "Faulted", wrote: Close1002);
        yield return Case("fragmented close", Frame(0x08, []), "Faulted", wrote: Close1002);
        yield return Case("pong already written before the error", Concat(Frame(0x89, "p"), Frame(0x81, "a", masked: false)), "Faulted",
            wrote: "8a01 70" + Close1002);

        // Close payloads.
        yield return Case("close with a one-byte payload", Frame(0x88, [0x03]), "Faulted", wrote: Close1002);
        foreach (var code in new ushort[] { 0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535 })
        {
            yield return Case($"close {code}", Close(code), "Faulted", wrote: Close1002);
        }
        yield return Case("close with an invalid code and an invalid reason", Close(1005, 0xff), "Faulted", wrote: Close1002);
        yield return Case("close reason with an invalid byte", Close(1000, 0xff), "Faulted", wrote: Close1007);
        yield return Case("close reason with a truncated character", Close(1000, 0x6f, 0x6b, 0xc3), "Faulted", wrote: Close1007);
        yield return Case("close reason with a surrogate", Close(1000, 0xed, 0xa0, 0x80), "Faulted", wrote: Close1007);

        // Text that is not UTF-8.
        yield return Case("lone continuation byte", Frame(0x81, [0x80]), "Faulted", wrote: Close1007);
        yield return Case("truncated character", Frame(0x81, [0x61, 0xc3]), "Faulted", wrote: Close1007);
        yield return Case("overlong encoding", Frame(0x81, [0xc0, 0xaf]), "Faulted", wrote: Close1007);
        yield return Case("encoded surrogate", Frame(0x81, [0xed, 0xa0, 0x80]), "Faulted", wrote: Close1007);
        yield return Case("code point above U+10FFFF", Frame(0x81, [0xf4, 0x90, 0x80, 0x80]), "Faulted", wrote: Close1007);
        yield return Case("byte 0xFE", Frame(0x81, [0xfe]), "Faulted", wrote: Close1007);
        yield return Case("fragments that are not UTF-8 together", Concat(Frame(0x01, [0x61, 0xc3]), Frame(0x80, "b")), "Faulted", wrote: Close1007);
        yield return Case("valid text, then invalid text", Concat(Frame(0x81, "ok"), Frame(0x81, [0xff])), "Text:ok | Faulted", wrote: Close1007);
        yield return Case("binary is not UTF-8 checked", Frame(0x82, [0xff, 0xfe]), "Binary:fffe | waits");
    }

    [Test]
    public void Reads_after_a_failure_return_closed_and_answer_nothing()
    {
        var (socket, input, output) = Create();
        Send(input, Frame(0x81, "a", masked: false));
        Assert.That(Describe(socket.ReadMessageAsync(MaxLength), out _), Is.EqualTo("Faulted"));
        Assert.That(Written(output), Is.EqualTo(Hex(Close1002)));

        Send(input, Concat(Frame(0x89, "p"), Frame(0x81, "b")));

        Assert.That(Describe(socket.ReadMessageAsync(MaxLength), out _), Is.EqualTo("Closed"));
        Assert.That(Written(output), Is.Empty);
    }

    [Test]
    public void Reads_after_close_return_closed_and_answer_nothing()
    {
        var (socket, input, output) = Create();
        Send(input, Concat(Close(1000), Frame(0x89, "p"), Frame(0x81, "b")));

        Assert.That(Describe(socket.ReadMessageAsync(MaxLength), out _), Is.EqualTo("Closed"));
        Assert.That(Describe(socket.ReadMessageAsync(MaxLength), out _), Is.EqualTo("Closed"));
        Assert.That(Written(output), Is.Empty);
    }

    [TestCase(new byte[] { 0x81, 0x81, 0x37, 0xfa, 0x21, 0x3d, 0xff ^ 0x37 }, "The WebSocket received text that is not valid UTF-8.",
        TestName = "text that is not UTF-8 is told apart")]
    [TestCase(new byte[] { 0xc1, 0x80, 0x37, 0xfa, 0x21, 0x3d }, "The WebSocket received a frame that breaks the protocol.",
        TestName = "a framing error is told apart")]
    public void The_failure_says_what_was_wrong(byte[] frame, string expected)
    {
        var (socket, input, _) = Create();
        Send(input, frame);

        var read = socket.ReadMessageAsync(MaxLength);

        Assert.That(read.IsCompleted, Is.True);
        Assert.That(() => read.GetAwaiter().GetResult(), Throws.TypeOf<WebSocketException>().With.Message.EqualTo(expected));
    }
}
