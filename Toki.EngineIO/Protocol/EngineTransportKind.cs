namespace Toki.EngineIO.Protocol;

public enum EngineTransportKind
{
    Polling,
    WebSocket,
}
