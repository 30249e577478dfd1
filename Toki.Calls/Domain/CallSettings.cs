namespace Toki.Calls.Domain;

/// <summary>The call timers and prices (configuration section <c>Calls</c>).</summary>
public sealed class CallSettings
{
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest call; the caller's coins may cap it lower.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RejoinWindow { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>With this much time left or less, an end is hard.</summary>
    public TimeSpan SoftEndThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a user may be without any socket before it counts as a disconnect.</summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After a restart, how long participants of live calls have to reconnect before they count as gone.</summary>
    public TimeSpan RestartReconnectGrace { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TimeWarning { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often every server looks in the store for calls whose deadline has passed and applies it (the store's
    /// compare-and-set lets exactly one server do so). Local timers apply deadlines on time; the sweep applies those
    /// whose timer was on a server that died, at most this long late.
    /// </summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most due calls one sweep reads from the store at once (it reads again while pages come back full).</summary>
    public int DeadlineSweepBatch { get; set; } = 100;

    /// <summary>Coins charged per minute of connected time.</summary>
    public int RatePerMinute { get; set; } = 10;

    /// <summary>When false, every explicit call:end is hard (disconnects stay soft).</summary>
    public bool SoftEndOnHangup { get; set; } = true;

    /// <summary>The largest arguments of one client event: their JSON as received plus the bytes of their binary attachments.</summary>
    public int MaxEventPayloadBytes { get; set; } = 64 * 1024;

    // Deadlines are "now + timer"; a bound keeps every one of them far inside DateTimeOffset's range.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromHours(24);

    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(RingTimeout), RingTimeout), (nameof(ConnectTimeout), ConnectTimeout), (nameof(MaxDuration), MaxDuration),
            (nameof(RejoinWindow), RejoinWindow), (nameof(DisconnectGrace), DisconnectGrace), (nameof(RestartReconnectGrace), RestartReconnectGrace),
            (nameof(DeadlineSweepInterval), DeadlineSweepInterval),
        })
        {
            if (value <= TimeSpan.Zero || value > MaxTimer)
            {
                yield return $"Calls:{name} must be positive and at most 24 hours (got {value}).";
            }
        }
        if (SoftEndThreshold < TimeSpan.Zero || TimeWarning < TimeSpan.Zero || SoftEndThreshold > MaxTimer || TimeWarning > MaxTimer)
        {
            yield return "Calls:SoftEndThreshold and Calls:TimeWarning must be between 0 and 24 hours.";
        }
        if (RatePerMinute < 1)
        {
            yield return $"Calls:RatePerMinute must be at least 1 (got {RatePerMinute}).";
        }
        if (MaxDuration.TotalSeconds < 1 || MaxDuration > TimeSpan.FromHours(24))
        {
            yield return "Calls:MaxDuration must be between 1 second and 24 hours.";
        }
        if (DeadlineSweepBatch < 1)
        {
            yield return $"Calls:DeadlineSweepBatch must be at least 1 (got {DeadlineSweepBatch}).";
        }
        if (MaxEventPayloadBytes < 1024)
        {
            yield return "Calls:MaxEventPayloadBytes must be at least 1024.";
        }
    }
}
