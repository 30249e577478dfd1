using System.Diagnostics.Metrics;

namespace Toki.SocketIO;

/// <summary>
/// The Socket.IO instruments (meter <c>Toki.SocketIO</c>). Packets are counted with interlocked fields read at collection
/// time, so the send and receive paths neither allocate nor lock; sockets per namespace are read at collection time.
/// </summary>
internal sealed class SocketIOMetrics : IDisposable
{
    public const string MeterName = "Toki.SocketIO";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _disconnects;
    private long _packetsIn;
    private long _packetsOut;

    public SocketIOMetrics(IMeterFactory? factory, Func<IEnumerable<SocketIONamespace>> namespaces)
    {
        // A factory's meters are the factory's to dispose (with the host); one of our own is ours.
        _ownsMeter = factory is null;
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableCounter("toki.socketio.packets", ObservePackets, "{packet}", "Socket.IO packets received and sent, by direction.");
        _meter.CreateObservableGauge("toki.socketio.sockets", () => ObserveSockets(namespaces()), "{socket}", "Connected sockets, by namespace.");
        _disconnects = _meter.CreateCounter<long>("toki.socketio.disconnects", "{socket}", "Sockets that left their namespace, by reason.");
    }

    public void PacketIn() => Interlocked.Increment(ref _packetsIn);

    public void PacketOut() => Interlocked.Increment(ref _packetsOut);

    public void Disconnected(string reason) => _disconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private Measurement<long>[] ObservePackets() =>
    [
        new(Volatile.Read(ref _packetsIn), new KeyValuePair<string, object?>("direction", "in")),
        new(Volatile.Read(ref _packetsOut), new KeyValuePair<string, object?>("direction", "out")),
    ];

    private static IEnumerable<Measurement<int>> ObserveSockets(IEnumerable<SocketIONamespace> namespaces) =>
        namespaces.Select(n => new Measurement<int>(n.SocketCount, new KeyValuePair<string, object?>("namespace", n.Name))).ToList();
}
