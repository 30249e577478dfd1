namespace Toki.Server.Tests.Identity;

/// <summary>A clock that only moves when a test sets it.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public DateTimeOffset UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public static ManualTimeProvider AtUnixSeconds(double seconds) =>
        new(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
}
