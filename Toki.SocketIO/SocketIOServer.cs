using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Toki.EngineIO;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// A Socket.IO v5 server over its own Engine.IO endpoint: namespaces (static and dynamic), recovery
/// bookkeeping, and the one <see cref="IEngineIOHandler"/> that connects the two layers.
/// </summary>
public sealed partial class SocketIOServer : IEngineIOHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SocketIONamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly List<(Func<string, bool> Matches, Action<SocketIONamespace> Configure)> _dynamic = [];
    private readonly ILogger _logger;
    private readonly ITimer? _sweeper;
    private long _offset;

    public SocketIOServer(SocketIOServerOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Options = options;
        Time = time;
        _logger = loggerFactory.CreateLogger<SocketIOServer>();
        JsonOptions = new JsonSerializerOptions(options.JsonSerializerOptions);
        JsonOptions.Converters.Insert(0, new BinaryPlaceholderConverter());
        JsonOptions.TypeInfoResolver ??= new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        JsonOptions.MakeReadOnly();
        Recovery = options.ConnectionStateRecovery;
        UndetectedDropTicks = ToTicks(options.Engine.PingInterval + options.Engine.PingTimeout);
        if (Recovery is not null)
        {
            MaxDisconnectionTicks = ToTicks(Recovery.MaxDisconnectionDuration);
            SessionRefreshInterval = TimeSpan.FromTicks(Math.Clamp(Recovery.MaxDisconnectionDuration.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
            SessionRefreshTicks = ToTicks(SessionRefreshInterval);
            var period = TimeSpan.FromTicks(Math.Clamp(Recovery.MaxDisconnectionDuration.Ticks / 10, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 10));
            _sweeper = time.CreateTimer(static state => ((SocketIOServer)state!).SweepExpired(), this, period, period);
        }
        Metrics = new SocketIOMetrics(options.MeterFactory, () => _namespaces.Values);
        Engine = new EngineIOServer(options.Engine, this, time, loggerFactory);
        // The main namespace always exists, as in the reference server, even when nothing was registered on it.
        Of("/");
    }

    public SocketIOServerOptions Options { get; }

    public EngineIOServer Engine { get; }

    public TimeProvider Time { get; }

    /// <summary>The serializer options emitted values and received arguments go through (the configured ones, made read-only).</summary>
    public JsonSerializerOptions JsonOptions { get; }

    internal ConnectionStateRecoveryOptions? Recovery { get; }

    internal long UndetectedDropTicks { get; }

    internal long MaxDisconnectionTicks { get; }

    /// <summary>
    /// How often a connected socket's session is saved again when the adapter keeps sessions for other servers (a
    /// quarter of the recovery window, within [1 s, 1 min]); it is saved to live that much longer than the window.
    /// </summary>
    internal TimeSpan SessionRefreshInterval { get; }

    internal long SessionRefreshTicks { get; }

    /// <summary>The main namespace "/".</summary>
    public SocketIONamespace Sockets => Of("/");

    /// <summary>Gets or creates a static namespace.</summary>
    public SocketIONamespace Of(string name) => _namespaces.GetOrAdd(Normalize(name), static (n, server) => new SocketIONamespace(server, n), this);

    /// <summary>Accepts connections to any namespace whose name matches, configuring each one when first used.</summary>
    public void AddDynamicNamespaces(Func<string, bool> matches, Action<SocketIONamespace> configure)
    {
        lock (_dynamic)
        {
            _dynamic.Add((matches, configure));
        }
    }

    public void AddDynamicNamespaces(Regex pattern, Action<SocketIONamespace> configure) => AddDynamicNamespaces(pattern.IsMatch, configure);

    IEngineIOSessionHandler IEngineIOHandler.OnOpen(EngineIOSession session) => new SocketIOConnection(this, session);

    public async ValueTask DisposeAsync()
    {
        if (_sweeper is not null)
        {
            await _sweeper.DisposeAsync();
        }
        await Engine.DisposeAsync();
        foreach (var @namespace in _namespaces.Values)
        {
            await @namespace.Adapter.CloseAsync();
        }
        Metrics.Dispose();
    }

    /// <summary>Forgets suspended sockets past their recovery window; run by a timer, callable by tests.</summary>
    public void SweepExpired()
    {
        var now = Time.GetTimestamp();
        foreach (var @namespace in _namespaces.Values)
        {
            @namespace.SweepExpired(now);
        }
    }

    internal SocketIONamespace? ResolveNamespace(string name)
    {
        if (_namespaces.TryGetValue(name, out var existing))
        {
            return existing;
        }
        lock (_dynamic)
        {
            foreach (var (matches, configure) in _dynamic)
            {
                if (matches(name))
                {
                    var created = false;
                    var @namespace = _namespaces.GetOrAdd(name, n =>
                    {
                        created = true;
                        return new SocketIONamespace(this, n);
                    });
                    if (created)
                    {
                        configure(@namespace);
                    }
                    return @namespace;
                }
            }
        }
        return null;
    }

    internal SocketIOAdapter CreateAdapter(SocketIONamespace @namespace) =>
        Options.AdapterFactory?.Invoke(@namespace) ?? new LocalSocketIOAdapter(@namespace);

    /// <summary>The next recovery offset, or null when recovery is off (then packets carry none).</summary>
    internal string? NextOffset() =>
        Recovery is null ? null : Interlocked.Increment(ref _offset).ToString(CultureInfo.InvariantCulture);

    internal static string NewId() => RandomIds.New();

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);

    private static string Normalize(string name) => name.StartsWith('/') ? name : "/" + name;
}
