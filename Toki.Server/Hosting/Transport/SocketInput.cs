using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace Toki.Server.Hosting.Transport;

/// <summary>
/// A connection's input: a <see cref="PipeReader"/> over the blocks its receive loop (<c>SocketInput.Receive.cs</c>)
/// takes from the socket. Unlike a <see cref="Pipe"/> it keeps no buffer, segment or writer while nothing is
/// buffered: an idle connection holds only the loop's pending zero-byte receive.
/// </summary>
internal sealed partial class SocketInput : PipeReader, IValueTaskSource<ReadResult>
{
    private readonly TokiSocketConnection _connection;
    private readonly Socket _socket;
    private readonly MemoryPool<byte> _pool;
    private readonly long _pauseAt;
    private readonly Lock _sync;

    // The pending ReadAsync; its continuation runs inline on the receive loop's thread (as with
    // PipeOptions.useSynchronizationContext: false and an inline reader scheduler), after the lock is released.
    private ManualResetValueTaskSourceCore<ReadResult> _waiter;
    private CancellationTokenRegistration _waiterCancellation;
    private bool _waiting;

    private InputSegment? _head;
    private int _headStart;
    private InputSegment? _tail;
    private long _buffered;

    // True when the reader examined everything buffered: its next read waits for more bytes.
    private bool _examinedAll;
    private bool _cancelNextRead;
    private bool _readerCompleted;
    private bool _receiveEnded;
    private Exception? _receiveError;

    // Set while the receive loop waits for the reader to consume (backpressure).
    private TaskCompletionSource? _resume;

    public SocketInput(TokiSocketConnection connection, Socket socket, MemoryPool<byte> pool, long maxBuffered, Lock sync)
    {
        _sync = sync;
        _connection = connection;
        _socket = socket;
        _pool = pool;
        _pauseAt = maxBuffered;
    }

    private ReadOnlySequence<byte> Buffer => _head is null
        ? ReadOnlySequence<byte>.Empty
        : new ReadOnlySequence<byte>(_head, _headStart, _tail!, _tail!.Memory.Length);

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_readerCompleted, this);
            if (_waiting)
            {
                throw new InvalidOperationException("A read is already pending on this connection's input.");
            }
            if (TryReadLocked(out var result))
            {
                return new ValueTask<ReadResult>(result);
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<ReadResult>(cancellationToken);
            }
            _waiter.Reset();
            _waiting = true;
            if (cancellationToken.CanBeCanceled)
            {
                _waiterCancellation = cancellationToken.UnsafeRegister(
                    static (state, token) => ((SocketInput)state!).CancelWaiter(token), this);
            }
            return new ValueTask<ReadResult>(this, _waiter.Version);
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_readerCompleted, this);
            // As Pipe's: whatever is unconsumed, examined or not.
            return TryReadLocked(out result, examinedToo: true);
        }
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        TaskCompletionSource? resume = null;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_readerCompleted, this);
            if (_head is not null)
            {
                var end = _tail!.EndIndex;
                var consumedSegment = consumed.GetObject() as InputSegment ?? _head;
                var consumedIndex = consumed.GetObject() is InputSegment ? consumed.GetInteger() : _headStart;
                var examinedAt = examined.GetObject() is InputSegment examinedSegment
                    ? examinedSegment.RunningIndex + examined.GetInteger()
                    : consumedSegment.RunningIndex + consumedIndex;
                while (_head is not null && _head != consumedSegment)
                {
                    var next = _head.NextSegment;
                    _head.Release();
                    _head = next;
                }
                if (_head is null)
                {
                    throw new InvalidOperationException("The consumed position is not in the buffer last read.");
                }
                _headStart = consumedIndex;
                if (_headStart == _head.Memory.Length)
                {
                    var next = _head.NextSegment;
                    _head.Release();
                    _head = next;
                    _headStart = 0;
                    if (_head is null)
                    {
                        _tail = null;
                    }
                }
                _buffered = end - (consumedSegment.RunningIndex + consumedIndex);
                _examinedAll = examinedAt >= end;
            }
            if (_resume is not null && _buffered < _pauseAt / 2)
            {
                resume = _resume;
                _resume = null;
            }
        }
        resume?.TrySetResult();
    }

    public override void CancelPendingRead()
    {
        lock (_sync)
        {
            _cancelNextRead = true;
        }
        WakeReader();
    }

    public override void Complete(Exception? exception = null)
    {
        TaskCompletionSource? resume;
        lock (_sync)
        {
            if (_readerCompleted)
            {
                return;
            }
            _readerCompleted = true;
            ReleaseBufferLocked();
            resume = _resume;
            _resume = null;
        }
        resume?.TrySetResult();
    }

    private bool TryReadLocked(out ReadResult result, bool examinedToo = false)
    {
        if (_cancelNextRead)
        {
            _cancelNextRead = false;
            result = new ReadResult(Buffer, isCanceled: true, isCompleted: false);
            return true;
        }
        if (_receiveEnded && _receiveError is not null)
        {
            ExceptionDispatchInfo.Throw(_receiveError);
        }
        if ((_head is not null && (!_examinedAll || examinedToo)) || _receiveEnded)
        {
            result = new ReadResult(Buffer, isCanceled: false, isCompleted: _receiveEnded);
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>Completes the pending read, if any, with what is there now.</summary>
    private void WakeReader()
    {
        ReadResult result = default;
        Exception? error = null;
        CancellationTokenRegistration registration;
        lock (_sync)
        {
            if (!_waiting)
            {
                return;
            }
            try
            {
                if (!TryReadLocked(out result))
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                error = exception;
            }
            _waiting = false;
            registration = _waiterCancellation;
            _waiterCancellation = default;
        }
        registration.Dispose();
        if (error is null)
        {
            _waiter.SetResult(result);
        }
        else
        {
            _waiter.SetException(error);
        }
    }

    private void CancelWaiter(CancellationToken token)
    {
        lock (_sync)
        {
            if (!_waiting)
            {
                return;
            }
            _waiting = false;
            _waiterCancellation = default;
        }
        _waiter.SetException(new OperationCanceledException(token));
    }

    private void ReleaseBufferLocked()
    {
        for (var segment = _head; segment is not null; segment = segment.NextSegment)
        {
            segment.Release();
        }
        _head = null;
        _tail = null;
        _headStart = 0;
        _buffered = 0;
    }

    ReadResult IValueTaskSource<ReadResult>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ReadResult>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<ReadResult>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _waiter.OnCompleted(continuation, state, token, flags);
}
