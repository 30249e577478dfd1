namespace Toki.SocketIO;

/// <summary>
/// Gathers the acknowledgements of one broadcast that asks for them, across the cluster: every server reports how
/// many of its clients it sent the packet to, then each of those clients' answers arrives. Complete when as many
/// servers as the cluster has reported and every counted client answered; a timeout fails it with the answers so
/// far, as the Node server's <c>io.timeout(ms).emitWithAck()</c> does. Thread-safe; adapters feed it.
/// </summary>
public sealed class SocketIOBroadcastAcks : IAckWaiter
{
    private readonly Lock _gate = new();
    private readonly List<SocketIOArgs> _responses = [];
    private readonly List<SocketIOSocket> _localSockets = [];
    private readonly TaskCompletionSource<IReadOnlyList<SocketIOArgs>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _eventName;
    private readonly TimeSpan _timeout;
    private readonly Action<int>? _relayClientCount;
    private readonly Action<SocketIOArgs>? _relayResponse;
    private ITimer? _timer;
    private int _expectedServers = -1;
    private int _servers;
    private int _clients;
    private bool _finished;

    internal SocketIOBroadcastAcks(string eventName, long ackId, TimeSpan timeout, TimeProvider time)
        : this(eventName, ackId, timeout, time, null, null)
    {
    }

    private SocketIOBroadcastAcks(string eventName, long ackId, TimeSpan timeout, TimeProvider time, Action<int>? relayClientCount,
        Action<SocketIOArgs>? relayResponse)
    {
        _eventName = eventName;
        AckId = ackId;
        _timeout = timeout;
        _relayClientCount = relayClientCount;
        _relayResponse = relayResponse;
        _timer = time.CreateTimer(static state => ((SocketIOBroadcastAcks)state!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// For an adapter serving another server's broadcast with acknowledgements: passes this server's client count and
    /// each client's answer (the callback owns it) on as they come, until <paramref name="lifetime"/> has passed.
    /// </summary>
    public static SocketIOBroadcastAcks CreateRelay(SocketIONamespace @namespace, TimeSpan lifetime, Action<int> onClientCount,
        Action<SocketIOArgs> onResponse) =>
        new("relay", @namespace.NextAckId(), lifetime, @namespace.Server.Time, onClientCount, onResponse);

    /// <summary>The ack id the local copies of the packet carry.</summary>
    public long AckId { get; }

    /// <summary>The answers once complete; fails with <see cref="SocketIOAckTimeoutException"/> when some did not come in time.</summary>
    public Task<IReadOnlyList<SocketIOArgs>> Completion => _done.Task;

    /// <summary>One server sent the packet to <paramref name="clientCount"/> of its clients.</summary>
    public void AddServer(int clientCount)
    {
        if (_relayClientCount is not null)
        {
            _relayClientCount(clientCount);
            return;
        }
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }
            _servers++;
            _clients += clientCount;
        }
        CheckCompleteness();
    }

    /// <summary>One client's answer; the collector owns it from now on (and disposes it if it comes too late).</summary>
    public void AddResponse(SocketIOArgs response)
    {
        if (!((IAckWaiter)this).Complete(response))
        {
            response.Dispose();
        }
    }

    /// <summary>Registers a local socket the packet went to, so its pending entry is dropped when the broadcast ends.</summary>
    internal void Track(SocketIOSocket socket)
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _localSockets.Add(socket);
                return;
            }
        }
        socket.ForgetAck(AckId);
    }

    internal void ExpectServers(int count)
    {
        lock (_gate)
        {
            _expectedServers = count;
        }
        CheckCompleteness();
    }

    internal void Fail(Exception exception)
    {
        if (Finish() is { } sockets)
        {
            Forget(sockets);
            _done.TrySetException(exception);
        }
    }

    bool IAckWaiter.Complete(SocketIOArgs args)
    {
        if (_relayResponse is not null)
        {
            _relayResponse(args);
            return true;
        }
        lock (_gate)
        {
            if (_finished)
            {
                return false;
            }
            _responses.Add(args);
        }
        CheckCompleteness();
        return true;
    }

    // A client that goes away never answers; as in the Node server the broadcast then times out.
    void IAckWaiter.Fail(string reason)
    {
    }

    private void CheckCompleteness()
    {
        IReadOnlyList<SocketIOArgs> responses;
        lock (_gate)
        {
            if (_finished || _expectedServers < 0 || _servers < _expectedServers || _responses.Count < _clients)
            {
                return;
            }
            responses = [.. _responses];
        }
        if (Finish() is { } sockets)
        {
            Forget(sockets);
            _done.TrySetResult(responses);
        }
    }

    private void OnTimeout()
    {
        IReadOnlyList<SocketIOArgs> responses;
        lock (_gate)
        {
            responses = [.. _responses];
        }
        if (Finish() is { } sockets)
        {
            Forget(sockets);
            if (_relayResponse is not null)
            {
                _done.TrySetResult([]);
                return;
            }
            _done.TrySetException(new SocketIOAckTimeoutException(_eventName, _timeout, responses));
        }
    }

    /// <summary>Marks the collection finished; the local sockets to clean up, or null when it already was.</summary>
    private SocketIOSocket[]? Finish()
    {
        SocketIOSocket[] sockets;
        lock (_gate)
        {
            if (_finished)
            {
                return null;
            }
            _finished = true;
            sockets = [.. _localSockets];
            _localSockets.Clear();
        }
        _timer?.Dispose();
        _timer = null;
        return sockets;
    }

    private void Forget(SocketIOSocket[] sockets)
    {
        foreach (var socket in sockets)
        {
            socket.ForgetAck(AckId);
        }
    }
}
