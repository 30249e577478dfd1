namespace Toki.EngineIO.Protocol;

/// <summary>What an Engine.IO HTTP request asks for, once its query and method are validated.</summary>
public enum EngineRequestKind
{
    PollingHandshake,
    WebSocketHandshake,
    Poll,
    Post,
    WebSocketUpgrade,
}
