namespace Toki.EngineIO.Transports;

/// <summary>What parsing the buffered input of a <see cref="PipeWebSocket"/> came to.</summary>
internal enum WebSocketReceiveOutcome
{
    NeedMore,
    Message,
    Closed,
    TooBig,
    ProtocolError,

    /// <summary>The message sink asked to stop reading.</summary>
    Stopped,

    /// <summary>The connection ended without a close frame.</summary>
    Lost,
}
