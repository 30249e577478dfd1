using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Toki.Server.Hosting.Transport;

/// <summary>
/// A connection's output: a <see cref="PipeWriter"/> that sends what was written when it is flushed, from the
/// flushing thread (a non-blocking send, which nearly always takes everything), and only waits for the socket when
/// the kernel's send buffer is full. So there is no send loop and no buffer between flushes, and a slow reader holds
/// the flush back (backpressure at the kernel's buffer). One flush at a time, as with any <see cref="PipeWriter"/>;
/// writing while a flush is pending is allowed (the pending flush's blocks are no longer the writer's).
/// </summary>
internal sealed class SocketOutput : PipeWriter
{
    private readonly TokiSocketConnection _connection;
    private readonly Socket _socket;
    private readonly MemoryPool<byte> _pool;

    private OutputSegment? _first;
    private OutputSegment? _last;
    private long _unflushed;
    private bool _completed;

    // The send of a flush that had to wait for the socket; the next flush goes after it.
    private Task<bool>? _sending;
    private TaskCompletionSource? _flushCancellation;
    private volatile bool _cancelNextFlush;

    public SocketOutput(TokiSocketConnection connection, Socket socket, MemoryPool<byte> pool)
    {
        _connection = connection;
        _socket = socket;
        _pool = pool;
    }

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _unflushed;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var size = Math.Max(sizeHint, 1);
        if (_last is null || _last.Available < size)
        {
            _last = OutputSegment.Rent(_pool, size, _last);
            _first ??= _last;
        }
        return _last.Free;
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_last is null)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(bytes, 0);
            return;
        }
        _last.Advance(bytes);
        _unflushed += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        var chain = TakeChain();
        if (_connection.IsOutputClosed)
        {
            OutputSegment.ReleaseChain(chain);
            return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: true));
        }
        if (_sending is { IsCompleted: false } previous)
        {
            return AwaitSendAsync(SendAfterAsync(previous, chain), cancellationToken);
        }
        if (chain is null)
        {
            return new ValueTask<FlushResult>(new FlushResult(TakeCancelNextFlush(), isCompleted: false));
        }
        var send = SendAsync(chain);
        if (send.IsCompletedSuccessfully)
        {
            return new ValueTask<FlushResult>(new FlushResult(TakeCancelNextFlush(), isCompleted: !send.Result));
        }
        return AwaitSendAsync(send.AsTask(), cancellationToken);
    }

    public override void CancelPendingFlush()
    {
        var pending = Volatile.Read(ref _flushCancellation);
        if (pending is null)
        {
            _cancelNextFlush = true;
        }
        else
        {
            pending.TrySetResult();
        }
    }

    /// <summary>Sends what is left unflushed, then lets the connection close its socket.</summary>
    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        var chain = TakeChain();
        Task<bool> last;
        if (_connection.IsOutputClosed || (chain is null && _sending is null))
        {
            OutputSegment.ReleaseChain(chain);
            last = Task.FromResult(true);
        }
        else if (_sending is { IsCompleted: false } previous)
        {
            last = SendAfterAsync(previous, chain);
        }
        else
        {
            last = chain is null ? Task.FromResult(true) : SendAsync(chain).AsTask();
        }
        _connection.OnOutputCompleted(last, exception);
    }

    /// <summary>Gives back what was written and not flushed (the connection is gone).</summary>
    public void Discard()
    {
        OutputSegment.ReleaseChain(TakeChain());
    }

    private OutputSegment? TakeChain()
    {
        var chain = _first;
        _first = null;
        _last = null;
        _unflushed = 0;
        return chain;
    }

    private bool TakeCancelNextFlush()
    {
        if (!_cancelNextFlush)
        {
            return false;
        }
        _cancelNextFlush = false;
        return true;
    }

    private async ValueTask<FlushResult> AwaitSendAsync(Task<bool> send, CancellationToken cancellationToken)
    {
        _sending = send;
        var cancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _flushCancellation, cancellation);
        if (TakeCancelNextFlush())
        {
            cancellation.TrySetResult();
        }
        await using var registration = cancellationToken.UnsafeRegister(
            static state => ((TaskCompletionSource)state!).TrySetResult(), cancellation).ConfigureAwait(false);
        var first = await Task.WhenAny(send, cancellation.Task).ConfigureAwait(false);
        Volatile.Write(ref _flushCancellation, null);
        if (first == send)
        {
            return new FlushResult(isCanceled: false, isCompleted: !await send.ConfigureAwait(false));
        }
        cancellationToken.ThrowIfCancellationRequested();
        // The bytes stay queued behind the send in flight; the next flush goes after them.
        return new FlushResult(isCanceled: true, isCompleted: false);
    }

    private async Task<bool> SendAfterAsync(Task<bool> previous, OutputSegment? chain)
    {
        if (!await previous.ConfigureAwait(false))
        {
            OutputSegment.ReleaseChain(chain);
            return false;
        }
        return chain is null || await SendAsync(chain).ConfigureAwait(false);
    }

    // True when everything was sent, false when the connection is gone.
    private async ValueTask<bool> SendAsync(OutputSegment chain)
    {
        try
        {
            for (var segment = chain; segment is not null; segment = segment.Next)
            {
                var data = segment.Data;
                while (!data.IsEmpty)
                {
                    var sent = _socket.Send(data.Span, SocketFlags.None, out var error);
                    if (error == SocketError.WouldBlock)
                    {
                        sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
                    }
                    else if (error != SocketError.Success)
                    {
                        _connection.OnSendFailed();
                        return false;
                    }
                    data = data[sent..];
                }
            }
            return true;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            _connection.OnSendFailed();
            return false;
        }
        finally
        {
            OutputSegment.ReleaseChain(chain);
        }
    }
}
