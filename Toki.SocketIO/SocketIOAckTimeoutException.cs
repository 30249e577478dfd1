namespace Toki.SocketIO;

/// <summary>
/// Not every expected acknowledgement arrived in time: a client's for an emit, or some clients' or servers' for a
/// broadcast or a server-side emit. <see cref="Responses"/> holds those that did arrive (the caller disposes them).
/// </summary>
public sealed class SocketIOAckTimeoutException : TimeoutException
{
    public SocketIOAckTimeoutException(string eventName, TimeSpan timeout)
        : base($"The client did not acknowledge '{eventName}' within {timeout.TotalMilliseconds} ms.")
    {
        Responses = [];
    }

    public SocketIOAckTimeoutException(string eventName, TimeSpan timeout, IReadOnlyList<SocketIOArgs> responses)
        : base($"Not every acknowledgement of '{eventName}' arrived within {timeout.TotalMilliseconds} ms ({responses.Count} did).")
    {
        Responses = responses;
    }

    public IReadOnlyList<SocketIOArgs> Responses { get; }
}
