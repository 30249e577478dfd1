using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Toki.EngineIO.Connections;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;
using Toki.Server.Tests.EngineIO.Support;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Thousands of generated malformed inputs for the Engine.IO decoders (polling payloads and packets, request
/// classification, the direct path's request head reader, the WebSocket frame reader): nothing escapes but the
/// documented results, and each result is the one the spec gives for that input.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class EngineIOFuzzTests
{
    [Test]
    public void PollingPayloadsGetTheSpecsAnswer() => EngineIOFuzz.Check(
        Gen.Frequency(
            (1, EngineIOFuzz.ProtocolBytes),
            (2, EngineIOFuzz.Mangled(Gen.Elements("4hello\u001e2\u001e4world", "4hello\u001ebAQIDBA==", "42[\"x\",{\"a\":1}]\u001e3probe", "b\u001e6", "1")))),
        payload =>
        {
            var packets = new List<DecodedPacket>();
            var error = PollingPayloadDecoder.Decode(payload, packets);
            var parts = Split(payload);
            var expected = parts.Select(Classify).FirstOrDefault(classified => classified != EngineDecodeError.None);
            if (error == EngineDecodeError.None)
            {
                // Every part decoded, in order, text as is.
                return expected == EngineDecodeError.None && packets.Count == parts.Count
                    && packets.Zip(parts).All(pair => pair.First.IsBinary == (pair.Second.Length > 0 && pair.Second[0] == 'b')
                        && (pair.First.IsBinary || (pair.First.Data.Span.SequenceEqual(pair.Second.AsSpan(1)) && (int)pair.First.Type == pair.Second[0] - '0')));
            }
            // The first part that fails decides; a "b" part's base64 is judged by the decoder itself.
            var firstBad = parts.First(part => Classify(part) != EngineDecodeError.None || (part.Length > 0 && part[0] == 'b' && !IsBase64(part)));
            return error == (Classify(firstBad) == EngineDecodeError.None ? EngineDecodeError.InvalidBase64 : Classify(firstBad));
        },
        cases: 3000);

    [Test]
    public void RequestsAreClassifiedAsTheSpecSays() => EngineIOFuzz.Check(
        from eio in Gen.Elements<string?>(null, "", "4", "3", "5", "04", "4 ")
        from transport in Gen.Elements<string?>(null, "", "polling", "websocket", "webtransport", "Polling")
        from sid in Gen.Elements<string?>(null, "", "abc")
        from method in Gen.Elements("GET", "POST", "PUT", "OPTIONS", "get")
        from isWebSocket in Gen.Elements(true, false)
        from allowPolling in Gen.Elements(true, false)
        from allowWebSocket in Gen.Elements(true, false)
        select (eio, transport, sid, method, isWebSocket, allowPolling, allowWebSocket),
        input =>
        {
            var (eio, transport, sid, method, isWebSocket, allowPolling, allowWebSocket) = input;
            var error = EngineRequestParser.Parse(eio, transport, sid, method, isWebSocket, allowPolling, allowWebSocket, out var request);
            var expected = Expected(input);
            return error is null
                ? expected is EngineRequestKind kind && request.Kind == kind && request.Sid == sid
                : expected is EngineError spec && error == spec;
        },
        cases: 2000);

    [Test]
    public void UpgradeHeadsAreReadWithoutSurprises() => EngineIOFuzz.Check(
        from head in EngineIOFuzz.Mangled(Gen.Elements(
            "GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            "GET /engine.io/?EIO=4&transport=websocket&sid=abc&sid=def HTTP/1.1\r\nHost: [::1]:80\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://a\r\n\r\n",
            "GET /engine.io HTTP/1.1\r\n\r\n"))
        from cut in Gen.Choose(0, 400)
        select (head, cut),
        input =>
        {
            var (head, cut) = input;
            var routes = new[] { new EngineIOConnectionRoute("/engine.io", null!) };
            var whole = WebSocketUpgradeRequestReader.TryRead(new ReadOnlySequence<byte>(head), routes, out var request, out var end);
            var split = WebSocketUpgradeRequestReader.TryRead((cut > 0 && cut < head.Length ? SegmentedSequence.Create(head, cut) : SegmentedSequence.ByteByByte(head)), routes, out var splitRequest, out _);
            if (whole != split || (whole == UpgradeHeadStatus.Ours) != (request is not null) || (split == UpgradeHeadStatus.Ours) != (splitRequest is not null))
            {
                return false;
            }
            if (whole != UpgradeHeadStatus.Ours)
            {
                return true;
            }
            // A head taken as ours ends at its blank line and carries a valid key and a plain ASCII target.
            var headEnd = head.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
            return new ReadOnlySequence<byte>(head).Slice(0, end).Length == headEnd && WebSocketUpgrade.IsValidKey(request!.Key)
                && request.QueryString.All(c => c is > ' ' and < (char)0x7F);
        },
        cases: 3000);

    [Test]
    public void WebSocketFramesEndInADocumentedWay() => EngineIOFuzz.Check(
        Gen.Frequency(
            (1, EngineIOFuzz.ProtocolBytes),
            (3, from frames in Gen.Elements(
                    ClientFrames.Frame(0x81, "4hello"), ClientFrames.Frame(0x82, [1, 2]), ClientFrames.Frame(0x01, "4he"), ClientFrames.Frame(0x80, "llo"),
                    ClientFrames.Frame(0x89, "p"), ClientFrames.Frame(0x81, [0xED, 0xA0, 0x80]), ClientFrames.Frame(0x88, []),
                    ClientFrames.Frame(0x81, "x", masked: false), ClientFrames.Frame(0xC1, "x"), ClientFrames.Frame(0x83, "x"),
                    ClientFrames.Frame(0x81, new string('x', 300))).ArrayOf()
                from mangled in EngineIOFuzz.Mangled(Gen.Constant(""))
                select frames.SelectMany(frame => frame).Concat(mangled).ToArray())),
        input => ReadAll(input).Result,
        cases: 1500);

    /// <summary>Reads messages until the reading ends; true when it ended in a documented way.</summary>
    private static async Task<bool> ReadAll(byte[] input)
    {
        var options = new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0,
            useSynchronizationContext: false);
        var incoming = new Pipe(options);
        var outgoing = new Pipe(options);
        var socket = new PipeWebSocket(new DuplexPipe(incoming.Reader, outgoing.Writer), connection: null);
        await incoming.Writer.WriteAsync(input);
        await incoming.Writer.CompleteAsync();
        for (var i = 0; i <= input.Length; i++)
        {
            try
            {
                using var message = await socket.ReadMessageAsync(256);
                if (message.Status != WebSocketReadStatus.Message)
                {
                    return true;
                }
                if (message.Type == WebSocketMessageType.Text && !Utf8.IsValid(message.Span))
                {
                    return false;
                }
            }
            catch (WebSocketException)
            {
                return true;
            }
        }
        return false;
    }

    private static object Expected((string? Eio, string? Transport, string? Sid, string Method, bool IsWebSocket, bool AllowPolling, bool AllowWebSocket) r)
    {
        var polling = r.Transport == "polling" && r.AllowPolling;
        var webSocket = r.Transport == "websocket" && r.AllowWebSocket;
        if (!polling && !webSocket)
        {
            return EngineError.UnknownTransport;
        }
        if (r.Eio != "4")
        {
            return EngineError.UnsupportedProtocolVersion;
        }
        if (r.Sid == "")
        {
            return EngineError.UnknownSid;
        }
        var get = r.Method.Equals("GET", StringComparison.OrdinalIgnoreCase);
        if (webSocket)
        {
            return !r.IsWebSocket || !get ? EngineError.BadRequest : r.Sid is null ? EngineRequestKind.WebSocketHandshake : EngineRequestKind.WebSocketUpgrade;
        }
        if (r.IsWebSocket)
        {
            return EngineError.BadRequest;
        }
        if (r.Sid is null)
        {
            return get ? EngineRequestKind.PollingHandshake : EngineError.BadHandshakeMethod;
        }
        return get ? EngineRequestKind.Poll : r.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) ? EngineRequestKind.Post : EngineError.BadRequest;
    }

    private static List<byte[]> Split(byte[] payload)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= payload.Length; i++)
        {
            if (i == payload.Length || payload[i] == PollingPayloadDecoder.RecordSeparator)
            {
                parts.Add(payload[start..i]);
                start = i + 1;
            }
        }
        return parts;
    }

    /// <summary>The spec's verdict on one part, base64 aside (a "b" part counts as fine here).</summary>
    private static EngineDecodeError Classify(byte[] part) => part switch
    {
        [] => EngineDecodeError.EmptyPacket,
        [(byte)'b', ..] => EngineDecodeError.None,
        [var type, ..] when type is < (byte)'0' or > (byte)'6' => EngineDecodeError.UnknownPacketType,
        _ when !Utf8.IsValid(part) => EngineDecodeError.InvalidUtf8,
        _ => EngineDecodeError.None,
    };

    private static bool IsBase64(byte[] part)
    {
        var packets = new List<DecodedPacket>();
        return PollingPayloadDecoder.Decode(part, packets) == EngineDecodeError.None
            && Convert.TryFromBase64String(Encoding.Latin1.GetString(part, 1, part.Length - 1), new byte[part.Length], out var written)
            && packets[0].Data.Span.SequenceEqual(Convert.FromBase64String(Encoding.Latin1.GetString(part, 1, part.Length - 1)).AsSpan(0, written));
    }
}
