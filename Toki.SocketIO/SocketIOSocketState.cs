namespace Toki.SocketIO;

internal enum SocketIOSocketState
{
    Connecting,
    Connected,

    /// <summary>Disconnected with a recoverable reason; still in its rooms, recording what it misses.</summary>
    Suspended,
    Disconnected,
}
