namespace Toki.SocketIO;

/// <summary>The server's emits that wait for the client's acknowledgement, by ack id. Thread-safe.</summary>
internal sealed class AckTable
{
    private readonly Dictionary<long, IAckWaiter> _pending = [];

    public void Register(long id, IAckWaiter waiter)
    {
        lock (_pending)
        {
            _pending[id] = waiter;
        }
    }

    /// <summary>Hands the client's answer to whoever waits for <paramref name="id"/>; false when nobody does.</summary>
    public bool TryComplete(long id, SocketIOArgs args)
    {
        IAckWaiter? waiter;
        lock (_pending)
        {
            if (!_pending.Remove(id, out waiter))
            {
                return false;
            }
        }
        return waiter.Complete(args);
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
        IAckWaiter[] waiting;
        lock (_pending)
        {
            waiting = [.. _pending.Values];
            _pending.Clear();
        }
        foreach (var waiter in waiting)
        {
            waiter.Fail(reason);
        }
    }
}
