namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when a test says so. It starts at a random instant (as SignalR's test clock does),
/// so code that reads the system clock instead of the provider shows up at once. Timers fire during
/// <see cref="Advance"/>, in deadline order, on the advancing thread.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _timestamp;
    private long _armCount;
    private TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualTimeProvider()
        : this(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(0, 86400 * 365)))
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start;
        _timestamp = Random.Shared.NextInt64(1, long.MaxValue / 4);
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    /// <summary>A clock standing at <paramref name="seconds"/> after the Unix epoch (fractions kept to the tick).</summary>
    public static ManualTimeProvider AtUnixSeconds(double seconds) =>
        new(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));

    public void SetUtcNow(DateTimeOffset value)
    {
        if (value < GetUtcNow())
        {
            throw new ArgumentException("Time only moves forward.", nameof(value));
        }
        Advance(value - GetUtcNow());
    }

    /// <summary>Moves time forward, firing every timer that falls due along the way at its due time.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "Time only moves forward.");
        }
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    MoveTo(target);
                    return;
                }
                MoveTo(next.DueAt!.Value);
                next.Advance();
            }
            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>How many times a timer has been armed (given a finite due time) so far.</summary>
    public long ArmCount
    {
        get
        {
            lock (_gate)
            {
                return _armCount;
            }
        }
    }

    /// <summary>
    /// Completes once more than <paramref name="count"/> timers have been armed in total: lets a test wait, without
    /// sleeping, for code running off the clock's thread to start its next timer (a retry's backoff, say).
    /// </summary>
    public async Task WhenArmedAsync(long count)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_armCount > count)
                {
                    return;
                }
                next = _armed.Task;
            }
            await next;
        }
    }

    private void OnArmed()
    {
        _armCount++;
        var armed = _armed;
        _armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        armed.TrySetResult();
    }

    /// <summary>Whether a timer is set to fire at exactly <paramref name="instant"/>: lets a test wait until the code under test armed it.</summary>
    public bool HasTimerDueAt(DateTimeOffset instant)
    {
        lock (_gate)
        {
            return _timers.Any(t => t.DueAt == instant);
        }
    }

    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    private void MoveTo(DateTimeOffset instant)
    {
        if (instant > _now)
        {
            _timestamp += (instant - _now).Ticks;
            _now = instant;
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this))
                {
                    return false;
                }
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                if (DueAt is not null)
                {
                    owner.OnArmed();
                }
                return true;
            }
        }

        // Called under the owner's lock once the clock reached the due time.
        public void Advance() =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                DueAt = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
