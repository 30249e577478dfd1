namespace Toki.EngineIO.Transports;

internal enum WebSocketReadStatus
{
    Message,
    Closed,
    TooBig,
}
