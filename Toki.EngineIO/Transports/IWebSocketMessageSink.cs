namespace Toki.EngineIO.Transports;

/// <summary>Takes the messages a <see cref="PipeWebSocket"/> parses; false stops the reading.</summary>
internal interface IWebSocketMessageSink
{
    bool OnMessage(in WebSocketMessage message);
}
