using Microsoft.Extensions.Time.Testing;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// <see cref="FakeTimeProvider"/> that also lets a test see its timers, which FakeTimeProvider keeps to itself: whether
/// the code under test (often on another thread) has armed a timer yet, so the test advances the clock only after
/// it did, and whether a timer was left running. Time, timers and their firing order are FakeTimeProvider's own.
/// </summary>
public sealed class ObservedFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<ObservedTimer> _timers = [];
    private long _armCount;
    private TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObservedFakeTimeProvider()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
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

    /// <summary>How many timers are armed and not yet fired (or, when periodic, not yet stopped).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(timer => timer.DueAt is not null);
            }
        }
    }

    /// <summary>Whether a timer is set to fire at exactly <paramref name="instant"/>.</summary>
    public bool HasTimerDueAt(DateTimeOffset instant)
    {
        lock (_gate)
        {
            return _timers.Any(timer => timer.DueAt == instant);
        }
    }

    /// <summary>Completes once more than <paramref name="count"/> timers have been armed in total (a retry's backoff, say).</summary>
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(this);
        lock (_gate)
        {
            _timers.Add(timer);
        }
        timer.Start(base.CreateTimer(timer.Fired(callback), state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), dueTime, period);
        return timer;
    }

    private sealed class ObservedTimer(ObservedFakeTimeProvider owner) : ITimer
    {
        private ITimer _inner = null!;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public void Start(ITimer inner, TimeSpan dueTime, TimeSpan period)
        {
            _inner = inner;
            Change(dueTime, period);
        }

        public TimerCallback Fired(TimerCallback callback) => state =>
        {
            lock (owner._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : owner.GetUtcNow() + _period;
            }
            callback(state);
        };

        // The inner timer changes first and outside the lock (FakeTimeProvider may fire it while holding its own), so a
        // test that sees the timer armed can advance the clock at once.
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (!_inner.Change(dueTime, period))
            {
                return false;
            }
            lock (owner._gate)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime;
                if (DueAt is not null)
                {
                    owner._armCount++;
                    var armed = owner._armed;
                    owner._armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    armed.TrySetResult();
                }
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                DueAt = null;
            }
            _inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
