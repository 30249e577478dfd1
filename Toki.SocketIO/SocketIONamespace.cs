using System.Collections.Concurrent;
using System.Text.Json;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// A namespace: its middlewares, connection, event and disconnect handlers (shared by all its sockets, so
/// a socket carries no handler table of its own unless it asks for one), its sockets and its adapter.
/// Handlers are meant to be registered before clients connect.
/// </summary>
public sealed partial class SocketIONamespace
{
    private readonly ConcurrentDictionary<string, SocketIOSocket> _sockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SocketIOSocket> _suspended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SocketIOEventHandler> _handlers = new(StringComparer.Ordinal);
    private volatile SocketIOMiddleware[] _middlewares = [];
    private volatile Func<SocketIOSocket, ValueTask>[] _connectionHandlers = [];
    private volatile Action<SocketIOSocket, string>[] _disconnectHandlers = [];
    private readonly ConcurrentDictionary<string, SocketIOServerEventHandler> _serverHandlers = new(StringComparer.Ordinal);
    private SocketIOEventHandler? _unhandled;
    private long _ackIds;

    internal SocketIONamespace(SocketIOServer server, string name)
    {
        Server = server;
        Name = name;
        Adapter = server.CreateAdapter(this);
    }

    public string Name { get; }

    public SocketIOServer Server { get; }

    public SocketIOAdapter Adapter { get; }

    /// <summary>The connected sockets (suspended ones awaiting recovery are not included).</summary>
    public ICollection<SocketIOSocket> Sockets => _sockets.Values;

    public int SocketCount => _sockets.Count;

    public bool TryGetSocket(string id, out SocketIOSocket socket) => _sockets.TryGetValue(id, out socket!);

    public SocketIONamespace Use(SocketIOMiddleware middleware)
    {
        _middlewares = [.. _middlewares, middleware];
        return this;
    }

    public SocketIONamespace OnConnection(Func<SocketIOSocket, ValueTask> handler)
    {
        _connectionHandlers = [.. _connectionHandlers, handler];
        return this;
    }

    public SocketIONamespace OnDisconnect(Action<SocketIOSocket, string> handler)
    {
        _disconnectHandlers = [.. _disconnectHandlers, handler];
        return this;
    }

    public SocketIONamespace On(string eventName, SocketIOEventHandler handler)
    {
        _handlers[eventName] = handler;
        return this;
    }

    /// <summary>Receives events that have no handler of their own (otherwise they are ignored).</summary>
    public SocketIONamespace OnUnhandledEvent(SocketIOEventHandler handler)
    {
        _unhandled = handler;
        return this;
    }

    public BroadcastOperator To(string room) => new(this, [room], []);

    public BroadcastOperator In(string room) => To(room);

    public BroadcastOperator Except(string room) => new(this, [], [room]);

    /// <summary>Every socket of the namespace on this server only.</summary>
    public BroadcastOperator Local => new(this, [], [], local: true);

    public void Emit(string eventName, params object?[] args) => All.Emit(eventName, args);

    public ValueTask EmitAsync(string eventName, params object?[] args) => All.EmitAsync(eventName, args);

    /// <summary>Every connected socket of the namespace, on every server of the cluster.</summary>
    public Task<IReadOnlyList<SocketIORemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default) =>
        All.FetchSocketsAsync(cancellationToken);

    public ValueTask SocketsJoinAsync(params string[] rooms) => All.SocketsJoinAsync(rooms);

    public ValueTask SocketsLeaveAsync(params string[] rooms) => All.SocketsLeaveAsync(rooms);

    public void DisconnectSockets(bool close = false) => All.DisconnectSockets(close);

    public ValueTask DisconnectSocketsAsync(bool close = false) => All.DisconnectSocketsAsync(close);

    /// <summary>How many servers of the cluster serve this namespace (1 without one).</summary>
    public ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default) => Adapter.ServerCountAsync(cancellationToken);

    /// <summary>Every socket of the namespace, on every server of the cluster (Node's <c>io</c> as a broadcast operator).</summary>
    public BroadcastOperator All => new(this, [], []);

    internal long NextAckId() => Interlocked.Increment(ref _ackIds) - 1;

    /// <summary>
    /// Lets a fire-and-forget operation finish in the background, logging its failure. Only a failure runs anything:
    /// a cluster broadcast completes on Redis's completion thread, where nothing more should be scheduled.
    /// </summary>
    internal void Observe(ValueTask pending, string operation)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }
        pending.AsTask().ContinueWith(static (failed, state) =>
        {
            var (@namespace, operation) = ((SocketIONamespace, string))state!;
            @namespace.Server.LogClusterOperationFailed(@namespace.Name, operation, failed.Exception!.InnerException!);
        }, (this, operation), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    internal SocketIOEventHandler? FindHandler(string eventName) =>
        _handlers.TryGetValue(eventName, out var handler) ? handler : _unhandled;

    /// <summary>Handles a CONNECT: recovery when the client presents a known session, otherwise middlewares and a new socket.</summary>
    internal async Task ConnectAsync(SocketIOConnection connection, byte[]? auth)
    {
        var handshake = new SocketIOHandshake(auth, connection.Session.Handshake);
        if (Server.Recovery is { } recovery && handshake.GetAuthString("pid") is { } pid)
        {
            if (await TryRecoverAsync(connection, handshake, pid, recovery))
            {
                return;
            }
        }

        var socket = new SocketIOSocket(this, connection, handshake, SocketIOServer.NewId(), Server.Recovery is null ? null : SocketIOServer.NewId());
        if (await RunMiddlewaresAsync(socket, connection) is { Accepted: false })
        {
            return;
        }
        if (!connection.Register(socket))
        {
            return;
        }
        _sockets[socket.Id] = socket;
        Adapter.AddAll(socket, [socket.Id]);
        socket.Activate(null);
        Server.SocketConnected(socket, recovered: false);
        await RunConnectionHandlersAsync(socket);
    }

    internal void Suspend(SocketIOSocket socket)
    {
        _sockets.TryRemove(new KeyValuePair<string, SocketIOSocket>(socket.Id, socket));
        _suspended[socket.Pid!] = socket;
    }

    internal void Remove(SocketIOSocket socket)
    {
        _sockets.TryRemove(new KeyValuePair<string, SocketIOSocket>(socket.Id, socket));
        if (socket.Pid is not null)
        {
            _suspended.TryRemove(new KeyValuePair<string, SocketIOSocket>(socket.Pid, socket));
        }
    }

    internal void NotifyDisconnect(SocketIOSocket socket, string reason)
    {
        Server.SocketDisconnected(socket, reason);
        foreach (var handler in _disconnectHandlers)
        {
            try
            {
                handler(socket, reason);
            }
            catch (Exception exception)
            {
                Server.LogHandlerFailure(socket, "disconnect", exception);
            }
        }
    }

    /// <summary>Forgets suspended sockets whose recovery window has passed, and refreshes saved sessions that are due.</summary>
    internal void SweepExpired(long now)
    {
        foreach (var socket in _suspended.Values)
        {
            if (socket.IsExpired(now))
            {
                socket.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
            }
        }
        if (Adapter.PersistsSessions)
        {
            foreach (var socket in _sockets.Values)
            {
                socket.RefreshSession(now);
            }
        }
    }

    /// <summary>
    /// Runs the middlewares in order until one refuses (answered with CONNECT_ERROR here) or, on a recovery, one declines
    /// the recovery; the result is that verdict, or <see cref="SocketIOMiddlewareResult.Continue"/>.
    /// </summary>
    private async Task<SocketIOMiddlewareResult> RunMiddlewaresAsync(SocketIOSocket socket, SocketIOConnection connection)
    {
        foreach (var middleware in _middlewares)
        {
            SocketIOMiddlewareResult result;
            try
            {
                result = await middleware(socket, CancellationToken.None);
            }
            catch (Exception exception)
            {
                Server.LogHandlerFailure(socket, "middleware", exception);
                result = SocketIOMiddlewareResult.Reject("internal error");
            }
            if (!result.Accepted)
            {
                connection.Session.Send(SocketIOPacketEncoder.EncodeConnectError(Name, result.Message ?? "unauthorized", result.Data, Server.JsonOptions));
                connection.ConnectFinished(Name);
                return result;
            }
            if (result.DeclinesRecovery && socket.Recovered)
            {
                return result;
            }
        }
        return SocketIOMiddlewareResult.Continue;
    }

    private async Task RunConnectionHandlersAsync(SocketIOSocket socket)
    {
        foreach (var handler in _connectionHandlers)
        {
            try
            {
                await handler(socket);
            }
            catch (Exception exception)
            {
                Server.LogHandlerFailure(socket, "connection", exception);
            }
        }
    }
}
