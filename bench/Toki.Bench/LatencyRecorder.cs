namespace Toki.Bench;

/// <summary>
/// Latency samples (TimeProvider timestamp ticks) in a preallocated array, recorded from any thread without
/// locks; samples past the capacity are counted but not kept.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>The percentiles the report and the chart use.</summary>
    public static readonly double[] Quantiles = [0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.8, 99.9, 99.95, 99.99, 100];

    private readonly long[] _samples;
    private int _count;

    public LatencyRecorder(int capacity)
    {
        _samples = new long[capacity];
    }

    public int Count => Math.Min(Volatile.Read(ref _count), _samples.Length);

    public void Record(long elapsedTicks)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _samples.Length)
        {
            _samples[index] = elapsedTicks;
        }
    }

    /// <summary>Latency in milliseconds at each of <see cref="Quantiles"/> (nearest rank); empty without samples.</summary>
    public double[] Percentiles()
    {
        var count = Count;
        if (count == 0)
        {
            return [];
        }
        var sorted = _samples.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        var toMs = 1000.0 / TimeProvider.System.TimestampFrequency;
        return [.. Quantiles.Select(q => sorted[Math.Clamp((int)Math.Ceiling(q / 100 * count) - 1, 0, count - 1)] * toMs)];
    }

    public static double At(double[] percentiles, double quantile) => percentiles[Array.IndexOf(Quantiles, quantile)];
}
