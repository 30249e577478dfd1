namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// The system clock whose timers fire <paramref name="lag"/> late: the only way to look at the moment after a
/// deadline has passed but before its timer has acted, without racing the real clock.
/// </summary>
public sealed class LateTimersTimeProvider(TimeSpan lag) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new LateTimer(System.CreateTimer(callback, state, Delay(dueTime), period), lag);

    private TimeSpan Delay(TimeSpan dueTime) => dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime + lag;

    private sealed class LateTimer(ITimer inner, TimeSpan lag) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) =>
            inner.Change(dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime + lag, period);

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
