using Toki.EngineIO.Protocol;

namespace Toki.SocketIO;

public sealed partial class SocketIOSocket
{
    /// <summary>The transport of the socket's connection right now.</summary>
    public EngineTransportKind Transport => Connection.Session.Transport;
}
