namespace Toki.SocketIO;

/// <summary>
/// Watches a server's sockets (the admin instrumentation implements it): sockets connecting and leaving, rooms joined and
/// left, events received and packets sent. Attached with <see cref="SocketIOServer.Listener"/>; with none attached the
/// server pays a null check. Calls come on the thread that did the thing, outside the adapter's locks; a listener must be
/// quick, must not throw, and must not block.
/// </summary>
public interface ISocketIOListener
{
    void OnSocketConnected(SocketIOSocket socket, bool recovered);

    void OnSocketDisconnected(SocketIOSocket socket, string reason);

    void OnRoomJoined(SocketIONamespace @namespace, string room, string socketId);

    void OnRoomLeft(SocketIONamespace @namespace, string room, string socketId);

    /// <summary>A received event; <paramref name="args"/> is valid only during the call (clone what you keep).</summary>
    void OnEventReceived(SocketIOSocket socket, string eventName, SocketIOArgs args);

    /// <summary>A packet (event, acknowledgement) handed to the socket's connection.</summary>
    void OnPacketSent(SocketIOSocket socket, OutboundPacket packet);
}
