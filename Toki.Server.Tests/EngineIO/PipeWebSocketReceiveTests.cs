using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Toki.EngineIO.Transports;
using Toki.Server.Tests.EngineIO.Support;
using static Toki.Server.Tests.EngineIO.Support.ClientFrames;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// What the direct WebSocket makes of client frames: the messages ReadMessageAsync returns, one after the other
/// until one ends the reading, and the exact bytes it writes back (pongs, the close frame of a failed connection).
/// Each case runs twice: with all frames there at once, and with them arriving one byte at a time. The expectation
/// is "results / wrote hex": results are "Text:…", "Binary:hex", "Closed", "TooBig" or the WebSocketException's
/// error, and "waits" when the next read is still pending once every byte is in.
/// </summary>
[Category(TestCategories.Unit)]
public sealed partial class PipeWebSocketReceiveTests
{
    private const int MaxLength = 1024;

    private static IEnumerable<TestCaseData> Messages()
    {
        yield return Case("RFC 6455 masked Hello", Bytes("81 85 37fa213d 7f9f4d5158"), "Text:Hello | waits");
        yield return Case("text", Frame(0x81, "hello"), "Text:hello | waits");
        yield return Case("multi-byte UTF-8 text", Frame(0x81, "h\u00e9llo \u20ac \ud83d\ude00"), "Text:h\u00e9llo \u20ac \ud83d\ude00 | waits");
        yield return Case("empty text", Frame(0x81, ""), "Text: | waits");
        yield return Case("binary", Frame(0x82, [1, 2, 3]), "Binary:010203 | waits");
        yield return Case("empty binary", Frame(0x82, []), "Binary: | waits");
        yield return Case("two messages", Concat(Frame(0x81, "a"), Frame(0x82, [0xff])), "Text:a | Binary:ff | waits");
        yield return Case("16-bit length", Frame(0x81, new string('x', 300)), $"Text:{new string('x', 300)} | waits");
        yield return Case("64-bit length", Frame(0x82, Pattern(70_000)), $"{Binary(Pattern(70_000))} | waits", maxLength: 70_000);
        yield return Case("message of exactly the limit", Frame(0x81, "abcd"), "Text:abcd | waits", maxLength: 4);
        yield return Case("fragmented text", Concat(Frame(0x01, "Hel"), Frame(0x00, "l"), Frame(0x80, "o")), "Text:Hello | waits");
        yield return Case("fragmented binary with an empty fragment", Concat(Frame(0x02, [1]), Frame(0x00, []), Frame(0x80, [2])),
            "Binary:0102 | waits");
        yield return Case("UTF-8 character split across fragments", Concat(Frame(0x01, [0xc3]), Frame(0x80, [0xa9])), "Text:\u00e9 | waits");
        yield return Case("fragments up to exactly the limit", Concat(Frame(0x01, "ab"), Frame(0x80, "cd")), "Text:abcd | waits", maxLength: 4);
        yield return Case("half a message", Frame(0x01, "Hel"), "waits");
    }

    private static IEnumerable<TestCaseData> ControlFrames()
    {
        yield return Case("ping answered with a pong", Frame(0x89, "ping!"), "waits", wrote: "8a05 70696e6721");
        yield return Case("empty ping", Frame(0x89, []), "waits", wrote: "8a00");
        yield return Case("ping with the longest control payload", Frame(0x89, Pattern(125)), "waits",
            wrote: "8a7d" + Convert.ToHexStringLower(Pattern(125)));
        yield return Case("ping between fragments", Concat(Frame(0x01, "Hel"), Frame(0x89, "ping!"), Frame(0x80, "lo")),
            "Text:Hello | waits", wrote: "8a05 70696e6721");
        yield return Case("two pings between fragments", Concat(Frame(0x02, [1]), Frame(0x89, "a"), Frame(0x89, "b"), Frame(0x80, [2])),
            "Binary:0102 | waits", wrote: "8a01 61 8a01 62");
        yield return Case("unsolicited pong ignored", Concat(Frame(0x8a, "x"), Frame(0x81, "a")), "Text:a | waits");
        yield return Case("pong between fragments ignored", Concat(Frame(0x01, "a"), Frame(0x8a, "x"), Frame(0x80, "b")), "Text:ab | waits");
        yield return Case("close without payload", Frame(0x88, []), "Closed");
        yield return Case("close 1000", Close(1000), "Closed");
        yield return Case("close 1000 with a reason", Close(1000, "bye \u00e9"u8.ToArray()), "Closed");
        yield return Case("close between fragments", Concat(Frame(0x01, "a"), Close(1001)), "Closed");
        yield return Case("message, then close", Concat(Frame(0x81, "a"), Close(1000)), "Text:a | Closed");
        foreach (var code in new ushort[] { 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
        {
            yield return Case($"close {code}", Close(code), "Closed");
        }
    }

    private static IEnumerable<TestCaseData> Limits()
    {
        yield return Case("message over the limit, then one within", Concat(Frame(0x81, "abcde"), Frame(0x81, "ok")), "TooBig | Text:ok | waits",
            maxLength: 4);
        yield return Case("fragments over the limit, then a message", Concat(Frame(0x01, "abc"), Frame(0x00, "de"), Frame(0x80, "fgh"),
            Frame(0x82, [7])), "TooBig | Binary:07 | waits", maxLength: 4);
        yield return Case("ping inside a message over the limit", Concat(Frame(0x01, "abcde"), Frame(0x89, "p"), Frame(0x80, "f"),
            Frame(0x81, "ok")), "TooBig | Text:ok | waits", wrote: "8a01 70", maxLength: 4);
        yield return Case("too big as soon as the header says so", Bytes("82 ff 0000010000000000 37fa213d"), "TooBig | waits");
    }

    private static IEnumerable<TestCaseData> EndsOfInput()
    {
        yield return Case("input ends before any frame", [], "ConnectionClosedPrematurely", completeInput: true);
        yield return Case("input ends after a message", Frame(0x81, "a"), "Text:a | ConnectionClosedPrematurely", completeInput: true);
        yield return Case("input ends inside a header", Frame(0x81, "hello")[..3], "ConnectionClosedPrematurely", completeInput: true);
        yield return Case("input ends inside a payload", Frame(0x81, "hello")[..8], "ConnectionClosedPrematurely", completeInput: true);
        yield return Case("input ends inside a control frame", Frame(0x89, "ping!")[..8], "ConnectionClosedPrematurely", completeInput: true);
        yield return Case("input ends between fragments", Concat(Frame(0x01, "Hel"), Frame(0x89, "p")), "ConnectionClosedPrematurely",
            wrote: "8a01 70", completeInput: true);
        yield return Case("input ends after close", Close(1000), "Closed", completeInput: true);
    }

    private static IEnumerable<TestCaseData> AllCases() =>
        Messages().Concat(ControlFrames()).Concat(Limits()).Concat(ProtocolErrors()).Concat(EndsOfInput());

    private static IEnumerable<TestCaseData> AllCasesInSingleBytes() =>
        AllCases().Select(data => new TestCaseData(data.Arguments).Returns(data.ExpectedResult).SetName(data.TestName + ", one byte at a time"));

    [TestCaseSource(nameof(AllCases))]
    public string Reads(byte[] input, int maxLength, bool completeInput) => Run(input, maxLength, completeInput, byteByByte: false);

    [TestCaseSource(nameof(AllCasesInSingleBytes))]
    public string Reads_bytes_arriving_one_at_a_time(byte[] input, int maxLength, bool completeInput) =>
        Run(input, maxLength, completeInput, byteByByte: true);

    // Chunk sizes that cut the payload at every offset modulo the 4-byte mask and the 8-byte unmasking stride.
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(13)]
    [TestCase(4097)]
    public void Reads_a_long_message_arriving_in_chunks(int chunk)
    {
        var (socket, input, _) = Create();
        var frames = Concat(Frame(0x02, Pattern(40_000)), Frame(0x89, "p"), Frame(0x80, Pattern(30_001)));
        var read = socket.ReadMessageAsync(70_001);

        for (var offset = 0; offset < frames.Length; offset += chunk)
        {
            Assert.That(read.IsCompleted, Is.False, $"done after {offset} bytes");
            Send(input, frames[offset..Math.Min(offset + chunk, frames.Length)]);
        }

        Assert.That(read.IsCompleted, Is.True);
        Assert.That(Describe(read, out _), Is.EqualTo(Binary([.. Pattern(40_000), .. Pattern(30_001)])));
    }

    private static TestCaseData Case(string name, byte[] input, string results, string wrote = "", int maxLength = MaxLength,
        bool completeInput = false) =>
        new TestCaseData(input, maxLength, completeInput).Returns($"{results} / wrote {Hex(wrote)}").SetName(name);

    private static string Run(byte[] bytes, int maxLength, bool completeInput, bool byteByByte)
    {
        var (socket, input, output) = Create();
        var results = new List<string>();
        var done = false;
        ValueTask<WebSocketMessage>? pending = null;

        void TakeResults()
        {
            while (!done)
            {
                pending ??= socket.ReadMessageAsync(maxLength);
                if (!pending.Value.IsCompleted)
                {
                    return;
                }
                results.Add(Describe(pending.Value, out done));
                pending = null;
            }
        }

        var chunks = byteByByte ? bytes.Select(b => new[] { b }) : [bytes];
        foreach (var chunk in chunks)
        {
            Send(input, chunk);
            TakeResults();
        }
        if (completeInput)
        {
            input.Writer.Complete();
        }
        TakeResults();
        if (!done)
        {
            results.Add("waits");
        }
        return $"{string.Join(" | ", results)} / wrote {Written(output)}";
    }

    /// <summary>Hands bytes to the socket's input; any read waiting on it runs before this returns.</summary>
    private static void Send(Pipe input, byte[] bytes)
    {
        input.Writer.Write(bytes);
        Assert.That(input.Writer.FlushAsync().IsCompletedSuccessfully, Is.True);
    }

    private static (PipeWebSocket Socket, Pipe Input, Pipe Output) Create()
    {
        // Inline schedulers: a write to the input runs the pending read to its next wait before the write returns.
        var options = new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0,
            useSynchronizationContext: false);
        var input = new Pipe(options);
        var output = new Pipe(options);
        return (new PipeWebSocket(new DuplexPipe(input.Reader, output.Writer), connection: null), input, output);
    }

    /// <summary>One read's result; <paramref name="ends"/>: reading again makes no sense (closed, or failed).</summary>
    private static string Describe(ValueTask<WebSocketMessage> read, out bool ends)
    {
        ends = true;
        try
        {
            using var message = read.GetAwaiter().GetResult();
            ends = message.Status == WebSocketReadStatus.Closed;
            return message.Status switch
            {
                WebSocketReadStatus.Closed => "Closed",
                WebSocketReadStatus.TooBig => "TooBig",
                _ when message.Type == WebSocketMessageType.Text => "Text:" + Encoding.UTF8.GetString(message.Span),
                _ => Binary(message.Span),
            };
        }
        catch (WebSocketException exception)
        {
            return exception.WebSocketErrorCode.ToString();
        }
    }

    /// <summary>Everything the socket wrote and flushed so far, in hex.</summary>
    private static string Written(Pipe output)
    {
        if (!output.Reader.TryRead(out var result))
        {
            return "";
        }
        var hex = Convert.ToHexStringLower(result.Buffer.ToArray());
        output.Reader.AdvanceTo(result.Buffer.End);
        return hex;
    }

    /// <summary>A binary result: its bytes in hex, or for a long one its length and a digest.</summary>
    private static string Binary(ReadOnlySpan<byte> bytes) => bytes.Length <= 64
        ? "Binary:" + Convert.ToHexStringLower(bytes)
        : $"Binary:{bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))}";

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i % 251))];

    private static string Hex(string spaced) => spaced.Replace(" ", "", StringComparison.Ordinal);

    private static byte[] Bytes(string spaced) => Convert.FromHexString(Hex(spaced));
}
