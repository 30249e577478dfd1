namespace Toki.SocketIO;

/// <summary>An event another server of the cluster sent with <c>serverSideEmit</c>, and the answer it may wait for.</summary>
public sealed class SocketIOServerEvent
{
    private readonly Action<SocketIOData>? _ack;
    private int _acked;

    internal SocketIOServerEvent(SocketIONamespace @namespace, string eventName, SocketIOArgs args, Action<SocketIOData>? ack)
    {
        Namespace = @namespace;
        EventName = eventName;
        Args = args;
        _ack = ack;
    }

    public SocketIONamespace Namespace { get; }

    public string EventName { get; }

    public SocketIOArgs Args { get; }

    /// <summary>Whether the sending server waits for an answer (<c>serverSideEmitWithAck</c>).</summary>
    public bool HasAck => _ack is not null;

    /// <summary>Answers the sending server with one value; only the first call counts.</summary>
    public bool Ack(object? value)
    {
        if (_ack is null || Interlocked.Exchange(ref _acked, 1) == 1)
        {
            return false;
        }
        _ack(SocketIOData.FromValue(value, Namespace.Server.JsonOptions));
        return true;
    }
}
