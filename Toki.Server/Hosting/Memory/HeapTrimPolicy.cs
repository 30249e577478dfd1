namespace Toki.Server.Hosting.Memory;

/// <summary>
/// Decides when the GC heap is worth compacting and handing back to the system: once a burst of work (a connection
/// storm, a load test) has allocated a lot and the server has gone quiet. The server GC sizes its young generation
/// for the burst and, with little allocated afterwards, does not collect again for a long time, so the burst's garbage
/// and free space stay resident — several KB per connection for a server left holding thousands of idle WebSockets.
/// One blocking full collection, like the GC's own, then runs while the server is quiet.
/// </summary>
internal static class HeapTrimPolicy
{
    /// <summary>A burst must have allocated at least this much since the last trim.</summary>
    public const long MinAllocatedSinceTrim = 64L * 1024 * 1024;

    /// <summary>Quiet: an interval allocating at most this fraction of the busiest interval since the last trim...</summary>
    public const int QuietDivisor = 8;

    /// <summary>
    /// ...and at most this much: a server still relaying thousands of messages a second is not quiet, however busy it
    /// was before (10,000 idle WebSockets answering pings allocate about 2 MiB in 5 seconds).
    /// </summary>
    public const long QuietMaxAllocated = 8L * 1024 * 1024;

    /// <summary>Never two trims closer than this, whatever the load does.</summary>
    public static readonly TimeSpan MinSpacing = TimeSpan.FromMinutes(1);

    /// <summary>Takes one interval's allocations (<see cref="IdleMemoryTrimmer.Interval"/>); says whether to trim now, and what to remember.</summary>
    public static (HeapTrimState State, bool Trim) Next(HeapTrimState state, long allocatedInInterval, DateTimeOffset now)
    {
        var peak = Math.Max(state.PeakAllocated, allocatedInInterval);
        var since = state.AllocatedSinceTrim + allocatedInInterval;
        var quiet = allocatedInInterval * QuietDivisor <= peak && allocatedInInterval <= QuietMaxAllocated;
        var spaced = state.LastTrim is not { } last || now - last >= MinSpacing;
        if (since >= MinAllocatedSinceTrim && quiet && spaced)
        {
            return (new HeapTrimState(0, 0, now), true);
        }
        return (new HeapTrimState(peak, since, state.LastTrim), false);
    }
}
