namespace Toki.SocketIO;

/// <summary>Handles an event another server of the cluster sent with <c>serverSideEmit</c>; the event is valid until the task completes.</summary>
public delegate ValueTask SocketIOServerEventHandler(SocketIOServerEvent serverEvent);
