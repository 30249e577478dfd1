using System.Diagnostics.Metrics;
using Prometheus;

namespace Toki.Server.Observability;

/// <summary>
/// Publishes this server's <c>Toki.*</c> meters (those created through the host's <see cref="IMeterFactory"/>, so two
/// servers in one process never mix) in a prometheus-net registry of their own.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>Seconds; store commits take a millisecond or two, so the buckets start small.</summary>
    private static readonly double[] CommitBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private static readonly double[] LatenessBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly PrometheusMeterBridge _bridge;

    public PrometheusExporter(IMeterFactory meters)
    {
        Registry = Metrics.NewCustomRegistry();
        _bridge = new PrometheusMeterBridge(Registry,
            instrument => ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name.StartsWith("Toki.", StringComparison.Ordinal),
            instrument => instrument.Name switch
            {
                "toki.calls.store.commit.duration" => CommitBuckets,
                "toki.calls.timer.lateness" => LatenessBuckets,
                _ => Histogram.ExponentialBuckets(0.001, 2, 16),
            });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _bridge.Dispose();
}
