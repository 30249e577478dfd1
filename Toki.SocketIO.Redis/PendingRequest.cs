namespace Toki.SocketIO.Redis;

/// <summary>A request to the other servers (fetchSockets, serverSideEmit with an ack) waiting for one answer from each.</summary>
internal sealed class PendingRequest
{
    private readonly Lock _gate = new();
    private readonly List<SocketIOData> _answers = [];
    private readonly TaskCompletionSource<IReadOnlyList<SocketIOData>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _timer;

    public PendingRequest(int expected, TimeSpan timeout, TimeProvider time)
    {
        Expected = expected;
        _timer = time.CreateTimer(static state => ((PendingRequest)state!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    public int Expected { get; }

    /// <summary>The answers, once every server answered; a <see cref="TimeoutException"/> otherwise.</summary>
    public Task<IReadOnlyList<SocketIOData>> Completion => _done.Task;

    /// <summary>The answers received so far.</summary>
    public IReadOnlyList<SocketIOData> Received
    {
        get { lock (_gate) return [.. _answers]; }
    }

    public void Add(SocketIOData answer)
    {
        IReadOnlyList<SocketIOData>? all = null;
        lock (_gate)
        {
            if (_done.Task.IsCompleted)
            {
                return;
            }
            _answers.Add(answer);
            if (_answers.Count >= Expected)
            {
                all = [.. _answers];
            }
        }
        if (all is not null)
        {
            _timer.Dispose();
            _done.TrySetResult(all);
        }
    }

    private void OnTimeout()
    {
        int received;
        lock (_gate)
        {
            received = _answers.Count;
        }
        _done.TrySetException(new TimeoutException($"timeout reached: only {received} responses received out of {Expected}"));
    }
}
