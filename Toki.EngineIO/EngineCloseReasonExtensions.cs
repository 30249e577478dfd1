namespace Toki.EngineIO;

public static class EngineCloseReasonExtensions
{
    public static string ToWireString(this EngineCloseReason reason) => reason switch
    {
        EngineCloseReason.TransportClose => "transport close",
        EngineCloseReason.TransportError => "transport error",
        EngineCloseReason.PingTimeout => "ping timeout",
        EngineCloseReason.ParseError => "parse error",
        EngineCloseReason.ForcedClose => "forced close",
        EngineCloseReason.ServerShuttingDown => "server shutting down",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
