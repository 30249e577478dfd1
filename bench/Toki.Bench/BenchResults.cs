namespace Toki.Bench;

/// <summary>Everything a benchmark run measured, across rounds and servers. Thread-safe for recording.</summary>
public sealed class BenchResults
{
    private readonly List<Measurement> _measurements = [];
    private readonly List<(ServerKind Server, int Round, double[] Percentiles)> _latencyCurves = [];

    public IReadOnlyList<Measurement> Measurements
    {
        get { lock (_measurements) return [.. _measurements]; }
    }

    public IReadOnlyList<(ServerKind Server, int Round, double[] Percentiles)> LatencyCurves
    {
        get { lock (_latencyCurves) return [.. _latencyCurves]; }
    }

    public List<double> LoadAverages { get; } = [];

    /// <summary>Measurements that failed, with why.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Whether the quiet wait succeeded (null when the run did not wait).</summary>
    public bool? StartedQuiet { get; set; }

    public void Add(string metric, string unit, ServerKind server, int round, double value)
    {
        lock (_measurements)
        {
            _measurements.Add(new Measurement(metric, unit, server, round, value));
        }
    }

    public void AddLatencyCurve(ServerKind server, int round, double[] percentiles)
    {
        lock (_latencyCurves)
        {
            _latencyCurves.Add((server, round, percentiles));
        }
    }

    /// <summary>The median over rounds of one metric for one server; null when it was not measured.</summary>
    public double? Median(string metric, ServerKind server)
    {
        var values = Measurements.Where(m => m.Metric == metric && m.Server == server).Select(m => m.Value).Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }

    /// <summary>The metrics in the order they were first measured.</summary>
    public IReadOnlyList<(string Metric, string Unit)> Metrics() =>
        [.. Measurements.Select(m => (m.Metric, m.Unit)).Distinct()];

    /// <summary>Per quantile, the median latency over rounds, for one server.</summary>
    public double[] MedianLatencyCurve(ServerKind server)
    {
        var curves = LatencyCurves.Where(c => c.Server == server && c.Percentiles.Length > 0).Select(c => c.Percentiles).ToArray();
        if (curves.Length == 0)
        {
            return [];
        }
        return [.. Enumerable.Range(0, LatencyRecorder.Quantiles.Length).Select(i =>
        {
            var values = curves.Select(c => c[i]).Order().ToArray();
            return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
        })];
    }
}
