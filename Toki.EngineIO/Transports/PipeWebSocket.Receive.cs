using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text.Unicode;

namespace Toki.EngineIO.Transports;

internal sealed partial class PipeWebSocket
{
    private const int MaxControlPayload = 125;

    // The data frame whose payload is being read; it may span several reads of the pipe.
    private long _frameRemaining;
    private long _frameOffset;
    private uint _frameMask;
    private bool _inFrame;
    private bool _frameFin;

    // A message has started and its final frame is still to come.
    private bool _inMessage;

    // The rest of the current message is skipped: it went over the size limit.
    private bool _discarding;

    // The message being reassembled; it holds a buffer only while a message is partly received.
    private WebSocketMessageAssembly _assembly;

    public override async ValueTask<WebSocketMessage> ReadMessageAsync(int maxLength)
    {
        while (true)
        {
            if (Has(CloseReceivedFlag | FailedFlag))
            {
                return WebSocketMessage.Closed;
            }
            var result = await ReadInputAsync();
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The WebSocket was aborted.");
            }
            var buffer = result.Buffer;
            var outcome = Parse(buffer, ref _assembly, maxLength, skipData: false, out var consumed, out var error, out var ponged);
            _input.AdvanceTo(consumed, outcome == WebSocketReceiveOutcome.NeedMore ? buffer.End : consumed);
            if (ponged)
            {
                await FlushAsync();
            }
            switch (outcome)
            {
                case WebSocketReceiveOutcome.Message:
                    return _assembly.Complete();
                case WebSocketReceiveOutcome.Closed:
                    _assembly.Release();
                    return WebSocketMessage.Closed;
                case WebSocketReceiveOutcome.TooBig:
                    _assembly.Release();
                    return WebSocketMessage.TooBig;
                case WebSocketReceiveOutcome.ProtocolError:
                    _assembly.Release();
                    await FailAsync(error);
                    throw new WebSocketException(WebSocketError.Faulted, Describe(error));
                case WebSocketReceiveOutcome.NeedMore when result.IsCompleted:
                    _assembly.Release();
                    throw ConnectionLost();
            }
        }
    }

    /// <summary>The next read of the connection's input; the pipe's own awaitable, so waiting on it allocates nothing.</summary>
    internal ValueTask<ReadResult> ReadInputAsync()
    {
        if (Has(AbortedFlag))
        {
            throw new OperationCanceledException("The WebSocket was aborted.");
        }
        try
        {
            return _input.ReadAsync();
        }
        catch (IOException exception)
        {
            throw ConnectionLost(exception);
        }
    }

    /// <summary>
    /// Parses what a read returned, handing each complete message to <paramref name="sink"/>, and advances the input.
    /// NeedMore: read again. Anything else ends the reading (<see cref="WebSocketReceiveOutcome.Stopped"/> when the sink
    /// said so). Pings are answered as they come; <paramref name="ponged"/>: flush with <see cref="FlushControlAsync"/>.
    /// </summary>
    internal WebSocketReceiveOutcome Receive(in ReadResult result, int maxLength, IWebSocketMessageSink sink, out WebSocketCloseStatus error,
        out bool ponged)
    {
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The WebSocket was aborted.");
        }
        var buffer = result.Buffer;
        ponged = false;
        while (true)
        {
            var outcome = Parse(buffer, ref _assembly, maxLength, skipData: false, out var consumed, out error, out var pongedNow);
            ponged |= pongedNow;
            if (outcome == WebSocketReceiveOutcome.Message)
            {
                using var message = _assembly.Complete();
                buffer = buffer.Slice(consumed);
                if (sink.OnMessage(message))
                {
                    continue;
                }
                _input.AdvanceTo(consumed);
                return WebSocketReceiveOutcome.Stopped;
            }
            _input.AdvanceTo(consumed, outcome == WebSocketReceiveOutcome.NeedMore ? buffer.End : consumed);
            if (outcome == WebSocketReceiveOutcome.NeedMore && !result.IsCompleted)
            {
                return outcome;
            }
            _assembly.Release();
            return outcome == WebSocketReceiveOutcome.NeedMore ? WebSocketReceiveOutcome.Lost : outcome;
        }
    }

    /// <summary>Sends the pongs <see cref="Receive"/> wrote.</summary>
    internal ValueTask FlushControlAsync() => FlushAsync();

    internal static string Describe(WebSocketCloseStatus error) => error == WebSocketCloseStatus.InvalidPayloadData
        ? "The WebSocket received text that is not valid UTF-8."
        : "The WebSocket received a frame that breaks the protocol.";

    public override async Task DrainAsync()
    {
        var scratch = default(WebSocketMessageAssembly);
        try
        {
            while (!Has(CloseReceivedFlag | AbortedFlag))
            {
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                if (result.IsCanceled)
                {
                    break;
                }
                if (Has(FailedFlag))
                {
                    _input.AdvanceTo(buffer.End);
                }
                else
                {
                    var outcome = Parse(buffer, ref scratch, int.MaxValue, skipData: true, out var consumed, out var error, out var ponged);
                    _input.AdvanceTo(consumed, outcome == WebSocketReceiveOutcome.NeedMore ? buffer.End : consumed);
                    if (ponged)
                    {
                        await FlushAsync();
                    }
                    if (outcome == WebSocketReceiveOutcome.ProtocolError)
                    {
                        await FailAsync(error);
                    }
                    else if (outcome == WebSocketReceiveOutcome.Closed)
                    {
                        break;
                    }
                }
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
        }
        if (!Has(CloseReceivedFlag | AbortedFlag))
        {
            // The connection ended (FIN or reset) with no close frame: none can come any more, so no closing handshake
            // can finish, and waiting for one would only hold the connection for the handshake's bound.
            Abort();
            return;
        }
        SignalIfClosed();
    }

    /// <summary>
    /// Parses frames from <paramref name="buffer"/> until a message is complete, a close frame arrives, more input is
    /// needed or the peer broke the protocol. Pings are answered as they come (<paramref name="ponged"/>: flush).
    /// </summary>
    private WebSocketReceiveOutcome Parse(ReadOnlySequence<byte> buffer, ref WebSocketMessageAssembly assembly, int maxLength, bool skipData,
        out SequencePosition consumed, out WebSocketCloseStatus error, out bool ponged)
    {
        var reader = new SequenceReader<byte>(buffer);
        Span<byte> control = stackalloc byte[MaxControlPayload];
        error = WebSocketCloseStatus.ProtocolError;
        ponged = false;
        while (true)
        {
            if (_inFrame)
            {
                if (!ReadPayload(ref reader, ref assembly, skipData || _discarding))
                {
                    consumed = reader.Position;
                    return WebSocketReceiveOutcome.NeedMore;
                }
                if (!_frameFin)
                {
                    continue;
                }
                _inMessage = false;
                if (skipData || _discarding)
                {
                    _discarding = false;
                    continue;
                }
                consumed = reader.Position;
                if (assembly.Type == WebSocketMessageType.Text && !Utf8.IsValid(assembly.Buffer.AsSpan(0, assembly.Length)))
                {
                    error = WebSocketCloseStatus.InvalidPayloadData;
                    return WebSocketReceiveOutcome.ProtocolError;
                }
                return WebSocketReceiveOutcome.Message;
            }

            var frameStart = reader.Position;
            if (!WebSocketFrameHeader.TryRead(ref reader, out var header))
            {
                consumed = frameStart;
                return WebSocketReceiveOutcome.NeedMore;
            }
            consumed = reader.Position;
            if (header.Reserved != 0 || !header.Masked || header.PayloadLength < 0)
            {
                return WebSocketReceiveOutcome.ProtocolError;
            }
            if (header.IsControl)
            {
                if (!header.Fin || header.PayloadLength > MaxControlPayload)
                {
                    return WebSocketReceiveOutcome.ProtocolError;
                }
                if (reader.Remaining < header.PayloadLength)
                {
                    consumed = frameStart;
                    return WebSocketReceiveOutcome.NeedMore;
                }
                var payload = control[..(int)header.PayloadLength];
                reader.TryCopyTo(payload);
                reader.Advance(payload.Length);
                consumed = reader.Position;
                WebSocketMasking.Apply(payload, header.Mask, 0);
                switch (header.Opcode)
                {
                    case WebSocketOpcode.Ping:
                        WritePong(payload);
                        ponged = true;
                        continue;
                    case WebSocketOpcode.Pong:
                        continue;
                    case WebSocketOpcode.Close:
                        if (CheckClosePayload(payload) is { } invalid)
                        {
                            error = invalid;
                            return WebSocketReceiveOutcome.ProtocolError;
                        }
                        Set(CloseReceivedFlag);
                        return WebSocketReceiveOutcome.Closed;
                    default:
                        return WebSocketReceiveOutcome.ProtocolError;
                }
            }

            switch (header.Opcode)
            {
                case WebSocketOpcode.Continuation when _inMessage:
                    break;
                case WebSocketOpcode.Text or WebSocketOpcode.Binary when !_inMessage:
                    _inMessage = true;
                    assembly.Type = header.Opcode == WebSocketOpcode.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                    break;
                default:
                    // A continuation with no message to continue, a new message inside a fragmented one, or a reserved opcode.
                    return WebSocketReceiveOutcome.ProtocolError;
            }
            _inFrame = true;
            _frameFin = header.Fin;
            _frameRemaining = header.PayloadLength;
            _frameOffset = 0;
            _frameMask = header.Mask;
            if (!skipData && !_discarding && header.PayloadLength > maxLength - assembly.Length)
            {
                _discarding = true;
                return WebSocketReceiveOutcome.TooBig;
            }
        }
    }

    /// <summary>Takes what has arrived of the current frame's payload; true once the frame is complete.</summary>
    private bool ReadPayload(ref SequenceReader<byte> reader, ref WebSocketMessageAssembly assembly, bool skip)
    {
        var take = (int)Math.Min(_frameRemaining, reader.Remaining);
        if (take > 0)
        {
            if (skip)
            {
                reader.Advance(take);
            }
            else
            {
                assembly.EnsureCapacity(assembly.Length + take, assembly.Length + _frameRemaining);
                var target = assembly.Buffer.AsSpan(assembly.Length, take);
                reader.TryCopyTo(target);
                reader.Advance(take);
                WebSocketMasking.Apply(target, _frameMask, _frameOffset);
                assembly.Length += take;
            }
            _frameRemaining -= take;
            _frameOffset += take;
        }
        if (_frameRemaining > 0)
        {
            return false;
        }
        _inFrame = false;
        return true;
    }

    /// <summary>A close frame carries nothing, or a valid status code and a UTF-8 reason (RFC 6455 sections 5.5.1, 7.4).</summary>
    private static WebSocketCloseStatus? CheckClosePayload(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0)
        {
            return null;
        }
        if (payload.Length == 1)
        {
            return WebSocketCloseStatus.ProtocolError;
        }
        var code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        var known = code is >= 1000 and <= 1003 or >= 1007 and <= 1014 or >= 3000 and <= 4999;
        if (!known)
        {
            return WebSocketCloseStatus.ProtocolError;
        }
        return Utf8.IsValid(payload[2..]) ? null : WebSocketCloseStatus.InvalidPayloadData;
    }
}
