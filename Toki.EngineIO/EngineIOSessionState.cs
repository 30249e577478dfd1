namespace Toki.EngineIO;

internal enum EngineIOSessionState
{
    Open,

    /// <summary>A WebSocket probe succeeded; polling answers noop until the client sends the upgrade packet.</summary>
    Upgrading,

    /// <summary>Terminal; a polling session may linger to hand its last packets to one more GET.</summary>
    Closed,
}
