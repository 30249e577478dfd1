namespace Toki.EngineIO;

/// <summary>Why a session closed; <see cref="EngineCloseReasonExtensions.ToWireString"/> gives the reference server's wording.</summary>
public enum EngineCloseReason
{
    /// <summary>The client closed the transport (close packet, WebSocket close, tab closed).</summary>
    TransportClose,

    /// <summary>The transport failed: network error, aborted poll, oversized message, send buffer full.</summary>
    TransportError,

    /// <summary>No pong arrived within the ping timeout.</summary>
    PingTimeout,

    /// <summary>The client sent something that is not a valid packet.</summary>
    ParseError,

    /// <summary>The application closed the session.</summary>
    ForcedClose,

    /// <summary>The server is stopping.</summary>
    ServerShuttingDown,
}
