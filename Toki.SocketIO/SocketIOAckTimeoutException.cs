namespace Toki.SocketIO;

/// <summary>The client did not acknowledge an emitted event in time.</summary>
public sealed class SocketIOAckTimeoutException(string eventName, TimeSpan timeout)
    : TimeoutException($"The client did not acknowledge '{eventName}' within {timeout.TotalMilliseconds} ms.");
