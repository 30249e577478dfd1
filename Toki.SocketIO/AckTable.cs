namespace Toki.SocketIO;

/// <summary>The server's emits that wait for the client's acknowledgement, by ack id. Thread-safe.</summary>
internal sealed class AckTable
{
    private readonly Dictionary<long, TaskCompletionSource<SocketIOArgs>> _pending = [];
    private long _nextId;

    public (long Id, Task<SocketIOArgs> Response) Register()
    {
        var completion = new TaskCompletionSource<SocketIOArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            var id = _nextId++;
            _pending[id] = completion;
            return (id, completion.Task);
        }
    }

    public bool TryComplete(long id, SocketIOArgs args)
    {
        TaskCompletionSource<SocketIOArgs>? completion;
        lock (_pending)
        {
            if (!_pending.Remove(id, out completion))
            {
                return false;
            }
        }
        return completion.TrySetResult(args);
    }

    public void Forget(long id)
    {
        lock (_pending)
        {
            _pending.Remove(id);
        }
    }

    public void FailAll(string reason)
    {
        TaskCompletionSource<SocketIOArgs>[] waiting;
        lock (_pending)
        {
            waiting = [.. _pending.Values];
            _pending.Clear();
        }
        foreach (var completion in waiting)
        {
            completion.TrySetException(new SocketIODisconnectedException(reason));
        }
    }
}
