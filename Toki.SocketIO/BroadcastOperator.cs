using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>Selects sockets of a namespace by rooms, then emits to them or acts on them. Immutable.</summary>
public readonly struct BroadcastOperator
{
    private readonly SocketIONamespace _namespace;
    private readonly string[] _rooms;
    private readonly string[] _except;

    internal BroadcastOperator(SocketIONamespace @namespace, string[] rooms, string[] except)
    {
        _namespace = @namespace;
        _rooms = rooms;
        _except = except;
    }

    private BroadcastOptions Options => new(_rooms, _except);

    public BroadcastOperator To(string room) => new(_namespace, [.. _rooms, room], _except);

    public BroadcastOperator To(IEnumerable<string> rooms) => new(_namespace, [.. _rooms, .. rooms], _except);

    public BroadcastOperator In(string room) => To(room);

    public BroadcastOperator Except(string room) => new(_namespace, _rooms, [.. _except, room]);

    /// <summary>Encodes the event once and delivers it to every selected socket.</summary>
    public void Emit(string eventName, params object?[] args)
    {
        var server = _namespace.Server;
        var packet = SocketIOPacketEncoder.EncodeEvent(_namespace.Name, eventName, args, null, server.NextOffset(), server.JsonOptions);
        _namespace.Adapter.Broadcast(packet, Options);
    }

    public IReadOnlyList<SocketIOSocket> FetchSockets() => _namespace.Adapter.FetchSockets(Options);

    public void SocketsJoin(params string[] rooms) => _namespace.Adapter.AddSockets(Options, rooms);

    public void SocketsLeave(params string[] rooms) => _namespace.Adapter.RemoveSockets(Options, rooms);

    public void DisconnectSockets(bool close = false) => _namespace.Adapter.DisconnectSockets(Options, close);
}
