namespace Toki.SocketIO;

/// <summary>Handles one received event. The context and its arguments are valid until the returned task completes.</summary>
public delegate ValueTask SocketIOEventHandler(SocketIOEventContext context);
