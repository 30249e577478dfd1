namespace Toki.SocketIO;

/// <summary>Runs before a socket joins its namespace; a rejection answers CONNECT_ERROR with its message and data.</summary>
public delegate ValueTask<SocketIOMiddlewareResult> SocketIOMiddleware(SocketIOSocket socket, CancellationToken cancellationToken);
