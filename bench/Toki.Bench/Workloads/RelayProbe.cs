namespace Toki.Bench.Workloads;

/// <summary>Counts relayed messages as they arrive and, while a recorder is set, their latency from the embedded send timestamp.</summary>
public sealed class RelayProbe
{
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    public LatencyRecorder? Latencies { get; set; }

    public void OnRelay(BenchClient client, ReadOnlySpan<byte> frame)
    {
        var now = TimeProvider.System.GetTimestamp();
        Interlocked.Increment(ref _received);
        if (Latencies is { } recorder && WireText.NumberField(frame, "ts"u8) is { } sentAt)
        {
            recorder.Record(now - sentAt);
        }
    }
}
