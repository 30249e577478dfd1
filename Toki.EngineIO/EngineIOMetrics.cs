using System.Diagnostics.Metrics;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO;

/// <summary>
/// The Engine.IO instruments (meter <c>Toki.EngineIO</c>): open sessions by transport, read at collection time, and
/// sessions opened and closed (by reason), counted once per session.
/// </summary>
internal sealed class EngineIOMetrics : IDisposable
{
    public const string MeterName = "Toki.EngineIO";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _closed;

    public EngineIOMetrics(IMeterFactory? factory, Func<IEnumerable<EngineIOSession>> sessions)
    {
        // A factory's meters are the factory's to dispose (with the host); one of our own is ours.
        _ownsMeter = factory is null;
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _opened = _meter.CreateCounter<long>("toki.engineio.sessions.opened", "{session}", "Engine.IO sessions opened, by initial transport.");
        _closed = _meter.CreateCounter<long>("toki.engineio.sessions.closed", "{session}", "Engine.IO sessions closed, by reason.");
        _meter.CreateObservableGauge("toki.engineio.sessions", () => Observe(sessions()), "{session}", "Open Engine.IO sessions, by current transport.");
    }

    public void Opened(EngineTransportKind transport) => _opened.Add(1, new KeyValuePair<string, object?>("transport", Name(transport)));

    public void Closed(EngineCloseReason reason) => _closed.Add(1, new KeyValuePair<string, object?>("reason", reason.ToWireString()));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string Name(EngineTransportKind transport) => transport == EngineTransportKind.WebSocket ? "websocket" : "polling";

    private static Measurement<int>[] Observe(IEnumerable<EngineIOSession> sessions)
    {
        int polling = 0, webSocket = 0;
        foreach (var session in sessions)
        {
            if (session.Transport == EngineTransportKind.WebSocket)
            {
                webSocket++;
            }
            else
            {
                polling++;
            }
        }
        return
        [
            new(polling, new KeyValuePair<string, object?>("transport", "polling")),
            new(webSocket, new KeyValuePair<string, object?>("transport", "websocket")),
        ];
    }
}
