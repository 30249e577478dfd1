namespace Toki.Calls.Service;

/// <summary>
/// All call timers on one <see cref="TimeProvider"/> timer armed for the earliest due time (the deadlines
/// themselves live on the records; this only says when to look). Scheduling a key again replaces its
/// time; firing hands each due key to the callback, which runs off the timer thread.
/// </summary>
internal sealed class CallTimerScheduler : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Action<TimerKind, string> _onDue;
    private readonly Action<TimerKind, TimeSpan>? _onLateness;
    private readonly Dictionary<(TimerKind, string), DateTimeOffset> _due = [];
    private readonly PriorityQueue<(TimerKind Kind, string Id), DateTimeOffset> _queue = new();
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;

    /// <param name="onLateness">Told, for each key that fires, how long after its due time it did.</param>
    public CallTimerScheduler(TimeProvider time, Action<TimerKind, string> onDue, Action<TimerKind, TimeSpan>? onLateness = null)
    {
        _time = time;
        _onDue = onDue;
        _onLateness = onLateness;
        _timer = time.CreateTimer(static state => ((CallTimerScheduler)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Count
    {
        get { lock (_gate) return _due.Count; }
    }

    public DateTimeOffset? DueAt(TimerKind kind, string id)
    {
        lock (_gate)
        {
            return _due.TryGetValue((kind, id), out var at) ? at : null;
        }
    }

    /// <summary>Sets (or with null clears) when <paramref name="id"/> is due.</summary>
    public void Schedule(TimerKind kind, string id, DateTimeOffset? dueAt)
    {
        lock (_gate)
        {
            if (dueAt is { } at)
            {
                _due[(kind, id)] = at;
                _queue.Enqueue((kind, id), at);
            }
            else
            {
                _due.Remove((kind, id));
            }
            ArmLocked();
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        var fired = new List<(TimerKind, string)>();
        var lateness = new List<TimeSpan>();
        lock (_gate)
        {
            _armedFor = null;
            var now = _time.GetUtcNow();
            while (_queue.TryPeek(out var key, out var at) && at <= now)
            {
                _queue.Dequeue();
                // Stale queue entries (rescheduled or cleared keys) are skipped here rather than removed eagerly.
                if (_due.TryGetValue(key, out var current) && current == at)
                {
                    _due.Remove(key);
                    fired.Add(key);
                    lateness.Add(now - at);
                }
            }
            ArmLocked();
        }
        for (var i = 0; i < fired.Count; i++)
        {
            _onLateness?.Invoke(fired[i].Item1, lateness[i]);
            _onDue(fired[i].Item1, fired[i].Item2);
        }
    }

    private void ArmLocked()
    {
        while (_queue.TryPeek(out var key, out var at) && (!_due.TryGetValue(key, out var current) || current != at))
        {
            _queue.Dequeue();
        }
        if (!_queue.TryPeek(out _, out var next))
        {
            _armedFor = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        if (_armedFor == next)
        {
            return;
        }
        _armedFor = next;
        var delay = next - _time.GetUtcNow();
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }
}
