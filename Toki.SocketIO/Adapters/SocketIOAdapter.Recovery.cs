namespace Toki.SocketIO;

public abstract partial class SocketIOAdapter
{
    /// <summary>
    /// Whether the adapter gives packets their recovery offsets itself. Then emits hand it packets without one, and
    /// it stamps them (a cluster's offsets must mean the same on every server) before delivering them.
    /// </summary>
    public virtual bool StampsOffsets => false;

    /// <summary>
    /// Delivers an event emitted to one socket of this server. Called only when <see cref="StampsOffsets"/> is true,
    /// with a packet that has no offset yet; false when the socket is gone.
    /// </summary>
    public virtual bool SendToSocket(SocketIOSocket socket, OutboundPacket packet) => socket.Deliver(packet);
}
