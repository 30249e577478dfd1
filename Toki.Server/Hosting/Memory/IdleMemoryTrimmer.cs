using System.Runtime;

namespace Toki.Server.Hosting.Memory;

/// <summary>
/// Every few seconds lets go of the transport's pooled blocks that went unused (<see cref="TrimmingMemoryPool"/>) and,
/// after a burst of work, compacts the GC heap and returns its free memory, and the C heap's, to the system (<see cref="HeapTrimPolicy"/>).
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
        var compiled = JitInfo.GetCompiledMethodCount();
        var compiledSinceNativeTrim = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var released = pools.Trim();
                var total = GC.GetTotalAllocatedBytes();
                (state, var trim) = HeapTrimPolicy.Next(state, total - allocated, time.GetUtcNow());
                allocated = total;
                var compiledNow = JitInfo.GetCompiledMethodCount();
                var compiledInInterval = compiledNow - compiled;
                compiled = compiledNow;
                compiledSinceNativeTrim += compiledInInterval;
                if (trim)
                {
                    TrimHeap(released);
                    compiledSinceNativeTrim = 0;
                }
                else if (NativeTrimPolicy.ShouldTrim(compiledSinceNativeTrim, compiledInInterval))
                {
                    Log.NativeHeapTrimmed(logger, compiledSinceNativeTrim, NativeHeapTrim.TryTrim());
                    compiledSinceNativeTrim = 0;
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
        var nativeTrimmed = NativeHeapTrim.TryTrim();
        var elapsed = time.GetElapsedTime(started);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Log.HeapTrimmed(logger, before / 1024 / 1024, after / 1024 / 1024, poolBytesReleased / 1024, nativeTrimmed, elapsed.TotalMilliseconds);
    }

    private static partial class Log
    {
        [LoggerMessage(535, LogLevel.Information,
            "Quiet after a burst: GC heap compacted, committed {CommittedBeforeMiB} → {CommittedAfterMiB} MiB ({PoolKiBReleased} KiB of transport blocks released just before), C heap trimmed: {NativeTrimmed}, {PauseMs} ms.",
            EventName = "HeapTrimmed")]
        public static partial void HeapTrimmed(ILogger logger, long committedBeforeMiB, long committedAfterMiB, long poolKiBReleased, bool nativeTrimmed, double pauseMs);

        [LoggerMessage(536, LogLevel.Debug,
            "The JIT went quiet after compiling {MethodsCompiled} methods: C heap trimmed: {NativeTrimmed}.",
            EventName = "NativeHeapTrimmed")]
        public static partial void NativeHeapTrimmed(ILogger logger, long methodsCompiled, bool nativeTrimmed);
    }
}
