using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace Toki.Server.Observability;

/// <summary>
/// Feeds <see cref="System.Diagnostics.Metrics"/> instruments into prometheus-net collectors of one registry: counters stay
/// Prometheus counters (<c>_total</c>), histograms in seconds get <c>_seconds</c>, observable instruments are read just
/// before each scrape. (prometheus-net's own meter adapter exports counters as gauges that expire when idle, which would
/// reset a rarely moving count such as ended calls.) Names are the instrument's with dots as underscores; labels are the
/// tags, by name.
/// </summary>
internal sealed class PrometheusMeterBridge : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly Func<Instrument, double[]> _buckets;
    private readonly ConcurrentDictionary<Instrument, Collector> _collectors = new();
    private volatile bool _disposed;

    public PrometheusMeterBridge(CollectorRegistry registry, Func<Instrument, bool> include, Func<Instrument, double[]> buckets)
    {
        _factory = Metrics.WithCustomRegistry(registry);
        _buckets = buckets;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (include(instrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        registry.AddBeforeCollectCallback(() =>
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        });
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    /// <summary>The Prometheus name of an instrument: dots to underscores, plus the suffix its kind and unit call for.</summary>
    internal static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        if (IsHistogram(instrument) && instrument.Unit == "s")
        {
            name += "_seconds";
        }
        return IsCounter(instrument) ? name + "_total" : name;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new string[tags.Length];
        var names = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            names[i] = tags[i].Key;
            labels[i] = tags[i].Value?.ToString() ?? "";
        }
        // Tags come in whatever order the caller wrote them; labels are by name.
        Array.Sort(names, labels, StringComparer.Ordinal);
        var collector = _collectors.GetOrAdd(instrument, Create, names);
        switch (collector)
        {
            case Counter counter when instrument.IsObservable:
                counter.WithLabels(labels).IncTo(value);
                break;
            case Counter counter:
                counter.WithLabels(labels).Inc(value);
                break;
            case Gauge gauge when instrument.IsObservable:
                gauge.WithLabels(labels).Set(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(labels).Inc(value);
                break;
            case Histogram histogram:
                histogram.WithLabels(labels).Observe(value);
                break;
        }
    }

    private Collector Create(Instrument instrument, string[] labelNames)
    {
        var name = PrometheusName(instrument);
        var help = instrument.Description ?? instrument.Name;
        if (IsCounter(instrument))
        {
            return _factory.CreateCounter(name, help, labelNames);
        }
        if (IsHistogram(instrument))
        {
            return _factory.CreateHistogram(name, help, labelNames, new HistogramConfiguration { Buckets = _buckets(instrument) });
        }
        return _factory.CreateGauge(name, help, labelNames);
    }

    private static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType().GetGenericTypeDefinition();
        return type == typeof(Counter<>) || type == typeof(ObservableCounter<>);
    }

    private static bool IsHistogram(Instrument instrument) => instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);
}
