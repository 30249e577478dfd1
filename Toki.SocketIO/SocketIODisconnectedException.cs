namespace Toki.SocketIO;

/// <summary>The socket disconnected before the client acknowledged an emitted event.</summary>
public sealed class SocketIODisconnectedException(string reason)
    : Exception($"The socket disconnected ({reason}) before acknowledging.")
{
    public string Reason { get; } = reason;
}
