using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO.Transports;

internal sealed partial class PipeWebSocket
{
    // Frames written without a flush are sent together once this much is buffered, or at the end of a batch.
    private const int FlushThreshold = 16 * 1024;

    // The session's writer and the reader (pongs, protocol error closes) may write at the same time. The pipe
    // writer takes one caller at a time, so every write, and the synchronous start of a flush, happens under
    // this spin gate: the sections are short copies, contention is rare, and it costs four bytes.
    private int _writeGate;
    private int _unflushed;
    private bool _flushing;
    private bool _flushAgain;

    public override ValueTask SendAsync(EngineFrame frame, bool endOfBatch)
    {
        var started = false;
        ValueTask<FlushResult> pending = default;
        EnterWriteGate();
        try
        {
            if (Has(CloseSentFlag | AbortedFlag))
            {
                throw new WebSocketException(WebSocketError.InvalidState, "The WebSocket is closing or closed.");
            }
            WriteFrameLocked(frame.IsBinary ? WebSocketOpcode.Binary : WebSocketOpcode.Text, frame.Bytes.Span);
            if (endOfBatch || _unflushed >= FlushThreshold)
            {
                started = StartFlushLocked(out pending);
            }
        }
        catch (InvalidOperationException exception)
        {
            // The transport's pipe was completed under us: the connection is gone.
            throw ConnectionLost(exception);
        }
        finally
        {
            ExitWriteGate();
        }
        return started ? AwaitFlushAsync(pending) : default;
    }

    public override async ValueTask CloseOutputAsync(WebSocketCloseStatus status)
    {
        bool started;
        ValueTask<FlushResult> pending;
        EnterWriteGate();
        try
        {
            if (Has(CloseSentFlag | AbortedFlag))
            {
                return;
            }
            WriteCloseLocked(status);
            Interlocked.Or(ref _state, CloseSentFlag);
            started = StartFlushLocked(out pending);
        }
        finally
        {
            ExitWriteGate();
        }
        try
        {
            if (started)
            {
                await AwaitFlushAsync(pending);
            }
        }
        finally
        {
            SignalIfClosed();
        }
    }

    /// <summary>Writes bytes that precede the first frame (the HTTP/1.1 101 answer); unless flushed, they go out with that frame.</summary>
    public ValueTask WriteRawAsync(ReadOnlySpan<byte> bytes, bool flush)
    {
        var started = false;
        ValueTask<FlushResult> pending = default;
        EnterWriteGate();
        try
        {
            _output.Write(bytes);
            _unflushed += bytes.Length;
            if (flush)
            {
                started = StartFlushLocked(out pending);
            }
        }
        finally
        {
            ExitWriteGate();
        }
        return started ? AwaitFlushAsync(pending) : default;
    }

    /// <summary>Answers a ping with a pong carrying the same payload; flushed by <see cref="FlushAsync"/>.</summary>
    private void WritePong(ReadOnlySpan<byte> payload)
    {
        EnterWriteGate();
        try
        {
            if (!Has(CloseSentFlag | AbortedFlag))
            {
                WriteFrameLocked(WebSocketOpcode.Pong, payload);
            }
        }
        finally
        {
            ExitWriteGate();
        }
    }

    /// <summary>Fails the connection (RFC 6455 section 7.1.7): a close frame with <paramref name="status"/>, then no more parsing.</summary>
    internal async ValueTask FailAsync(WebSocketCloseStatus status)
    {
        var started = false;
        ValueTask<FlushResult> pending = default;
        EnterWriteGate();
        try
        {
            if (!Has(CloseSentFlag | AbortedFlag))
            {
                WriteCloseLocked(status);
                started = StartFlushLocked(out pending);
            }
            Interlocked.Or(ref _state, FailedFlag | CloseSentFlag);
        }
        finally
        {
            ExitWriteGate();
        }
        try
        {
            if (started)
            {
                await AwaitFlushAsync(pending);
            }
        }
        catch (WebSocketException)
        {
            // The peer is gone already; the connection is failing anyway.
        }
    }

    private ValueTask FlushAsync()
    {
        bool started;
        ValueTask<FlushResult> pending;
        EnterWriteGate();
        try
        {
            started = StartFlushLocked(out pending);
        }
        finally
        {
            ExitWriteGate();
        }
        return started ? AwaitFlushAsync(pending) : default;
    }

    private void WriteCloseLocked(WebSocketCloseStatus status)
    {
        Span<byte> payload = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)status);
        WriteFrameLocked(WebSocketOpcode.Close, payload);
    }

    private void WriteFrameLocked(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        var headerLength = WebSocketFrameHeader.GetServerLength(payload.Length);
        var total = headerLength + payload.Length;
        var span = _output.GetSpan(Math.Min(total, 4096));
        if (span.Length >= total)
        {
            WebSocketFrameHeader.WriteServer(span, opcode, payload.Length);
            payload.CopyTo(span[headerLength..]);
            _output.Advance(total);
        }
        else
        {
            Span<byte> header = stackalloc byte[WebSocketFrameHeader.MaxLength];
            WebSocketFrameHeader.WriteServer(header, opcode, payload.Length);
            _output.Write(header[..headerLength]);
            _output.Write(payload);
        }
        _unflushed += total;
    }

    // Only one flush is ever pending on the pipe: a flush asked for meanwhile is folded into the pending one's
    // loop (its bytes are already committed to the pipe by then, so they go out with it or right after).
    // True when the flush is pending: the caller awaits it with AwaitFlushAsync once it has left the gate, because
    // that await may complete synchronously and take the gate again, which is not reentrant.
    private bool StartFlushLocked(out ValueTask<FlushResult> pending)
    {
        pending = default;
        if (_flushing)
        {
            _flushAgain = true;
            return false;
        }
        _unflushed = 0;
        var flush = _output.FlushAsync();
        if (flush.IsCompletedSuccessfully)
        {
            return flush.Result.IsCompleted ? throw ConnectionLost() : false;
        }
        _flushing = true;
        pending = flush;
        return true;
    }

    private async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        while (true)
        {
            FlushResult result;
            try
            {
                result = await flush;
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or OperationCanceledException)
            {
                EndFlushing();
                throw ConnectionLost(exception);
            }
            EnterWriteGate();
            try
            {
                if (result.IsCompleted || result.IsCanceled || !_flushAgain || Has(AbortedFlag))
                {
                    _flushing = false;
                    _flushAgain = false;
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        throw ConnectionLost();
                    }
                    return;
                }
                _flushAgain = false;
                _unflushed = 0;
                flush = _output.FlushAsync();
            }
            finally
            {
                ExitWriteGate();
            }
        }
    }

    private void EndFlushing()
    {
        EnterWriteGate();
        _flushing = false;
        _flushAgain = false;
        ExitWriteGate();
    }

    private void EnterWriteGate()
    {
        if (Interlocked.CompareExchange(ref _writeGate, 1, 0) == 0)
        {
            return;
        }
        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref _writeGate, 1, 0) != 0)
        {
            spinner.SpinOnce();
        }
    }

    private void ExitWriteGate() => Volatile.Write(ref _writeGate, 0);
}
