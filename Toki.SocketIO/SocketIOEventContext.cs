namespace Toki.SocketIO;

/// <summary>One received event: who sent it, its name and arguments, and the acknowledgement it may ask for.</summary>
public sealed class SocketIOEventContext
{
    private readonly long? _ackId;
    private int _acked;

    internal SocketIOEventContext(SocketIOSocket socket, string eventName, SocketIOArgs args, long? ackId)
    {
        Socket = socket;
        EventName = eventName;
        Args = args;
        _ackId = ackId;
    }

    public SocketIOSocket Socket { get; }

    public string EventName { get; }

    public SocketIOArgs Args { get; }

    /// <summary>Whether the client passed an acknowledgement callback.</summary>
    public bool HasAck => _ackId is not null;

    /// <summary>Calls the client's callback with <paramref name="args"/>; only the first call counts.</summary>
    public bool Ack(params object?[] args)
    {
        if (_ackId is not { } id || Interlocked.Exchange(ref _acked, 1) == 1)
        {
            return false;
        }
        return Socket.SendAck(id, args);
    }

    /// <summary>Calls the client's callback with received arguments, verbatim.</summary>
    public bool Ack(SocketIOArgs args)
    {
        if (_ackId is not { } id || Interlocked.Exchange(ref _acked, 1) == 1)
        {
            return false;
        }
        return Socket.SendAck(id, args);
    }
}
