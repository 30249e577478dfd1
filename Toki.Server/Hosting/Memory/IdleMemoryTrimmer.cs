namespace Toki.Server.Hosting.Memory;

/// <summary>
/// Every few seconds lets go of the transport's pooled blocks that went unused (<see cref="TrimmingMemoryPool"/>) and,
/// after a burst of work, compacts the GC heap and returns its free memory to the system (<see cref="HeapTrimPolicy"/>).
/// Runs when <c>Server:TrimIdleMemory</c> is on.
/// </summary>
internal sealed partial class IdleMemoryTrimmer(TrimmingMemoryPoolFactory pools, TimeProvider time, ILogger<IdleMemoryTrimmer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var state = new HeapTrimState(0, 0, null);
        var allocated = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var released = pools.Trim();
                var total = GC.GetTotalAllocatedBytes();
                (state, var trim) = HeapTrimPolicy.Next(state, total - allocated, time.GetUtcNow());
                allocated = total;
                if (trim)
                {
                    TrimHeap(released);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void TrimHeap(long poolBytesReleased)
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = time.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsed = time.GetElapsedTime(started);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Log.HeapTrimmed(logger, before / 1024 / 1024, after / 1024 / 1024, poolBytesReleased / 1024, elapsed.TotalMilliseconds);
    }

    private static partial class Log
    {
        [LoggerMessage(535, LogLevel.Information,
            "Quiet after a burst: GC heap compacted, committed {CommittedBeforeMiB} → {CommittedAfterMiB} MiB ({PoolKiBReleased} KiB of transport blocks released just before), {PauseMs} ms.",
            EventName = "HeapTrimmed")]
        public static partial void HeapTrimmed(ILogger logger, long committedBeforeMiB, long committedAfterMiB, long poolKiBReleased, double pauseMs);
    }
}
