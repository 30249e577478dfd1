using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Toki.Server.Hosting.Transport;

/// <summary>
/// A connection's output: a <see cref="PipeWriter"/> whose flush queues what was written and schedules one send on
/// the thread pool (<c>SocketOutput.Send.cs</c>), so that the flushes made while the current work item runs (a batch of
/// relayed messages) go out in one gathered <c>send</c>, as Kestrel's I/O queue batches them. Nothing is held between
/// sends: no pipe, no loop, no buffer. A flush waits only while more than the response buffer limit is queued
/// (Kestrel's <c>MaxResponseBufferSize</c> semantics: a slow reader holds the writer back). One flush at a time, as
/// with any <see cref="PipeWriter"/>; writing while a flush waits is allowed.
/// </summary>
internal sealed partial class SocketOutput : PipeWriter, IValueTaskSource<FlushResult>
{
    private readonly TokiSocketConnection _connection;
    private readonly Socket _socket;
    private readonly MemoryPool<byte> _pool;
    private readonly long _pauseAt;
    private readonly Lock _sync;

    // Written and not yet flushed: the writer's own.
    private OutputSegment? _first;
    private OutputSegment? _last;
    private long _unflushed;
    private bool _completed;

    // Flushed and not yet sent: shared with the send, under _sync.
    private OutputSegment? _queuedFirst;
    private OutputSegment? _queuedLast;
    private long _queued;
    private bool _sendScheduled;
    private bool _closed;
    private bool _cancelNextFlush;
    private ManualResetValueTaskSourceCore<FlushResult> _flushWaiter;
    private bool _flushWaiting;
    private CancellationTokenRegistration _flushCancellation;
    private TaskCompletionSource? _drained;

    public SocketOutput(TokiSocketConnection connection, Socket socket, MemoryPool<byte> pool, long maxBuffered, Lock sync)
    {
        _connection = connection;
        _socket = socket;
        _pool = pool;
        _pauseAt = maxBuffered;
        _sync = sync;
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
        var schedule = false;
        lock (_sync)
        {
            if (_flushWaiting)
            {
                throw new InvalidOperationException("A flush is already pending on this connection's output.");
            }
            if (!Enqueue(out schedule))
            {
                return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: true));
            }
            if (_cancelNextFlush)
            {
                _cancelNextFlush = false;
                ScheduleIf(schedule);
                return new ValueTask<FlushResult>(new FlushResult(isCanceled: true, isCompleted: false));
            }
            if (_queued >= _pauseAt && !cancellationToken.IsCancellationRequested)
            {
                _flushWaiter.Reset();
                _flushWaiting = true;
                if (cancellationToken.CanBeCanceled)
                {
                    _flushCancellation = cancellationToken.UnsafeRegister(
                        static (state, token) => ((SocketOutput)state!).EndFlushWait(canceled: false, token), this);
                }
                var waiting = new ValueTask<FlushResult>(this, _flushWaiter.Version);
                ScheduleIf(schedule);
                return waiting;
            }
        }
        ScheduleIf(schedule);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<FlushResult>(cancellationToken)
            : new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: false));
    }

    public override void CancelPendingFlush()
    {
        lock (_sync)
        {
            if (!_flushWaiting)
            {
                _cancelNextFlush = true;
                return;
            }
        }
        EndFlushWait(canceled: true, default);
    }

    /// <summary>Queues what is left unflushed; once it is sent the connection closes its socket.</summary>
    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        bool schedule;
        TaskCompletionSource drained;
        lock (_sync)
        {
            drained = _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Enqueue(out schedule);
            if (_closed || (_queuedFirst is null && !_sendScheduled))
            {
                drained.TrySetResult();
            }
        }
        ScheduleIf(schedule);
        _connection.OnOutputCompleted(drained.Task, exception);
    }

    /// <summary>The connection is gone: gives back what is written or queued and ends a waiting flush as completed.</summary>
    public void Close()
    {
        OutputSegment? queued;
        TaskCompletionSource? drained;
        lock (_sync)
        {
            _closed = true;
            queued = _queuedFirst;
            _queuedFirst = null;
            _queuedLast = null;
            _queued = 0;
            drained = _sendScheduled ? null : _drained;
        }
        OutputSegment.ReleaseChain(queued);
        drained?.TrySetResult();
        EndFlushWait(canceled: false, default);
    }

    /// <summary>Gives back what was written and never flushed (called once the connection is disposed).</summary>
    public void Discard() => OutputSegment.ReleaseChain(TakeChain());

    // Moves the written chain to the send queue; false when the connection is gone (the chain is given back).
    private bool Enqueue(out bool schedule)
    {
        schedule = false;
        var bytes = _unflushed;
        var chain = TakeChain();
        if (_closed)
        {
            OutputSegment.ReleaseChain(chain);
            return false;
        }
        if (chain is not null)
        {
            if (_queuedLast is null)
            {
                _queuedFirst = chain;
            }
            else
            {
                _queuedLast.Link(chain);
            }
            _queuedLast = OutputSegment.LastOf(chain);
            _queued += bytes;
            if (!_sendScheduled)
            {
                _sendScheduled = true;
                schedule = true;
            }
        }
        return true;
    }

    private OutputSegment? TakeChain()
    {
        var chain = _first;
        _first = null;
        _last = null;
        _unflushed = 0;
        return chain;
    }

    private void EndFlushWait(bool canceled, CancellationToken token)
    {
        CancellationTokenRegistration registration;
        bool closed;
        lock (_sync)
        {
            if (!_flushWaiting)
            {
                return;
            }
            _flushWaiting = false;
            registration = _flushCancellation;
            _flushCancellation = default;
            closed = _closed;
        }
        if (token.IsCancellationRequested)
        {
            _flushWaiter.SetException(new OperationCanceledException(token));
            return;
        }
        registration.Dispose();
        _flushWaiter.SetResult(new FlushResult(isCanceled: canceled, isCompleted: closed));
    }

    FlushResult IValueTaskSource<FlushResult>.GetResult(short token) => _flushWaiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<FlushResult>.GetStatus(short token) => _flushWaiter.GetStatus(token);

    void IValueTaskSource<FlushResult>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _flushWaiter.OnCompleted(continuation, state, token, flags);
}
