using Toki.EngineIO.Protocol;

namespace Toki.SocketIO;

public sealed partial class SocketIOServer
{
    /// <summary>Watches sockets, rooms and packets (the admin instrumentation); null, the default, costs a null check.</summary>
    public ISocketIOListener? Listener { get; set; }

    /// <summary>Every namespace that exists now (static, and dynamic ones once used).</summary>
    public IReadOnlyCollection<SocketIONamespace> Namespaces => [.. _namespaces.Values];

    internal SocketIOMetrics Metrics { get; }

    internal void SocketConnected(SocketIOSocket socket, bool recovered)
    {
        LogSocketConnected(socket, recovered);
        Listener?.OnSocketConnected(socket, recovered);
    }

    internal void SocketDisconnected(SocketIOSocket socket, string reason)
    {
        LogSocketDisconnected(socket, reason);
        Metrics.Disconnected(reason);
        Listener?.OnSocketDisconnected(socket, reason);
    }

    /// <summary>How many Engine.IO sessions are on each transport right now.</summary>
    public (int Polling, int WebSocket) CountTransports() => Engine.CountTransports();
}
