using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Toki.Bench;

/// <summary>An event a server sent that a workload waits for (name and the raw JSON array after it).</summary>
public sealed record ServerEvent(string Name, string Json);

/// <summary>Receives a relayed signalling frame (<c>42["call:ice",{...}]</c>) on the receive loop, without copying.</summary>
public delegate void RelayFrameHandler(BenchClient client, ReadOnlySpan<byte> frame);

/// <summary>
/// A lean Socket.IO v5 client over Engine.IO 4, WebSocket transport only, on a raw socket (<see cref="RawWebSocket"/>):
/// the open packet, <c>40{"token":...}</c>, pings answered with pongs, <c>42</c> events and <c>43</c> acks,
/// exactly what <c>socket.io-client</c> puts on the wire. Used unchanged against both servers.
/// </summary>
public sealed partial class BenchClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private RawWebSocket? _socket;
    private readonly Dictionary<long, TaskCompletionSource<string>> _pendingAcks = [];
    private readonly TaskCompletionSource<string> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stateReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<ServerEvent>? _events;
    private byte[] _sendBuffer = new byte[1024];
    private long _nextAckId;
    private Task? _receiveLoop;
    private int _closed;

    private BenchClient(string userId, bool captureEvents)
    {
        UserId = userId;
        _events = captureEvents ? Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }) : null;
    }

    public string UserId { get; }

    public string? SocketId { get; private set; }

    /// <summary>Relayed signalling events go here instead of the event queue when set.</summary>
    public RelayFrameHandler? OnRelay { get; set; }

    /// <summary>Acks that nobody awaits (the relays' <c>{ ok: true }</c>) land here.</summary>
    public Action<BenchClient>? OnBareAck { get; set; }

    public int PingsAnswered { get; private set; }

    /// <summary>True once the connection ended for any reason.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>
    /// Connects, opens the Engine.IO session and the Socket.IO namespace with the token; returns once CONNECT is
    /// acknowledged and, with <paramref name="awaitCallState"/>, the first <c>call:state</c> (which both call servers send
    /// right after it) has arrived.
    /// </summary>
    public static async Task<BenchClient> ConnectAsync(ClientConnector connector, string userId, string token, bool captureEvents, bool awaitCallState,
        CancellationToken cancellationToken)
    {
        var client = new BenchClient(userId, captureEvents);
        try
        {
            client._socket = await RawWebSocket.ConnectAsync(await connector.ConnectSocketAsync(cancellationToken), connector.Host,
                ClientConnector.SocketPath, cancellationToken);
            var open = await client.ReceiveOneAsync(cancellationToken);
            if (open.Length == 0 || open.Span[0] != (byte)'0')
            {
                throw new InvalidOperationException("expected the Engine.IO open packet");
            }
            client._receiveLoop = client.ReceiveLoopAsync();
            await client.SendTextAsync(Encoding.UTF8.GetBytes($$"""40{"token":"{{token}}"}"""), cancellationToken);
            client.SocketId = await client._connected.Task.WaitAsync(cancellationToken);
            if (awaitCallState)
            {
                await client._stateReceived.Task.WaitAsync(cancellationToken);
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Emits <c>42&lt;id&gt;["name",payload]</c> and returns the ack's JSON array.</summary>
    public async Task<string> EmitWithAckAsync(string eventName, string payloadJson, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Interlocked.Increment(ref _nextAckId);
        lock (_pendingAcks)
        {
            _pendingAcks[id] = completion;
        }
        await SendTextAsync(Encoding.UTF8.GetBytes($$"""42{{id}}["{{eventName}}",{{payloadJson}}]"""), cancellationToken);
        return await completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The next event called <paramref name="name"/>, skipping any other (ringing, wallet, clear-all...).</summary>
    public async Task<ServerEvent> ExpectAsync(string name, CancellationToken cancellationToken)
    {
        var events = _events ?? throw new InvalidOperationException("this client does not capture events");
        while (true)
        {
            var received = await events.Reader.ReadAsync(cancellationToken);
            if (received.Name == name)
            {
                return received;
            }
        }
    }

    /// <summary>Sends one relay, written by <paramref name="message"/> into the client's own buffer under the send lock.</summary>
    public async ValueTask SendRelayAsync(RelayMessage message, long timestamp, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var id = ++_nextAckId;
            var length = message.Write(ref _sendBuffer, id, timestamp);
            await _socket!.SendTextAsync(_sendBuffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _closed, 1);
        // A reset (linger 0) that also ends the receive loop's pending receive.
        _socket?.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop;
        }
        _connected.TrySetException(new IOException("closed"));
        _stateReceived.TrySetException(new IOException("closed"));
        FailPendingAcks();
    }

    private ValueTask SendTextAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _socket!.SendTextAsync(bytes, cancellationToken);

    private void FailPendingAcks()
    {
        TaskCompletionSource<string>[] pending;
        lock (_pendingAcks)
        {
            pending = [.. _pendingAcks.Values];
            _pendingAcks.Clear();
        }
        foreach (var completion in pending)
        {
            completion.TrySetException(new IOException("closed"));
        }
    }
}
