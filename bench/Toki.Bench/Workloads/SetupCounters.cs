namespace Toki.Bench.Workloads;

/// <summary>Completed call cycles, and their durations while a recorder is set.</summary>
internal sealed class SetupCounters
{
    private long _cycles;

    public long Cycles => Interlocked.Read(ref _cycles);

    public LatencyRecorder? Latencies { get; set; }

    public void Completed(long elapsedTicks)
    {
        Interlocked.Increment(ref _cycles);
        Latencies?.Record(elapsedTicks);
    }
}
