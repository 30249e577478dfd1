namespace Toki.SocketIO;

/// <summary>The disconnect reasons of the reference server, word for word.</summary>
public static class SocketIODisconnectReason
{
    public const string TransportError = "transport error";
    public const string TransportClose = "transport close";
    public const string ForcedClose = "forced close";
    public const string PingTimeout = "ping timeout";
    public const string ParseError = "parse error";
    public const string ServerShuttingDown = "server shutting down";
    public const string ForcedServerClose = "forced server close";
    public const string ClientNamespaceDisconnect = "client namespace disconnect";
    public const string ServerNamespaceDisconnect = "server namespace disconnect";

    /// <summary>The reasons after which connection state recovery may restore the socket.</summary>
    public static bool IsRecoverable(string reason) => reason is TransportError or TransportClose or ForcedClose
        or PingTimeout or ServerShuttingDown or ForcedServerClose;
}
