using System.Runtime.InteropServices;
using Toki.EngineIO;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// One Engine.IO session seen from Socket.IO: decodes its packets (reassembling binary attachments), routes
/// them to the socket of their namespace, and closes the session on anything malformed.
/// </summary>
internal sealed class SocketIOConnection : IEngineIOSessionHandler
{
    private readonly SocketIOServer _server;
    private readonly Lock _gate = new();

    // A connection joins one namespace, sometimes a few: arrays searched in order cost less than a dictionary and
    // a set that would live as long as the connection. Replaced, never mutated, under the lock.
    private SocketIOSocket[] _sockets = [];
    private string[] _connecting = [];
    private ITimer? _connectTimer;

    // The binary packet whose attachments are arriving. The read side starts and completes it one message at a time,
    // but OnClose can run meanwhile on another thread (a ping timeout, a server close) while that read still holds the
    // handler: the packet goes to whichever side swaps it out first, without a lock on the read path, and a closed
    // connection holds PendingBinaryPacket.Closed, so nothing received after the close is kept (a suspended socket
    // keeps its closed connection reachable for the whole recovery window).
    private PendingBinaryPacket? _pending;
    private bool _closed;

    public SocketIOConnection(SocketIOServer server, EngineIOSession session)
    {
        _server = server;
        Session = session;
        _connectTimer = server.Time.CreateTimer(static state => ((SocketIOConnection)state!).OnConnectTimeout(), this,
            server.Options.ConnectTimeout, Timeout.InfiniteTimeSpan);
    }

    public EngineIOSession Session { get; }

    /// <summary>The attachments received so far of a binary packet still arriving, for inspection.</summary>
    internal IReadOnlyList<byte[]>? PendingAttachments =>
        Volatile.Read(ref _pending) is { } pending && pending != PendingBinaryPacket.Closed ? pending.Attachments : null;

    public void OnMessage(ReadOnlySpan<byte> utf8)
    {
        if (Volatile.Read(ref _pending) is { } pending)
        {
            if (pending != PendingBinaryPacket.Closed)
            {
                Fail(SocketIOParseError.UnexpectedText);
            }
            return;
        }
        var error = SocketIOPacketDecoder.Decode(utf8, out var packet, _server.Options.MaxAttachments);
        if (error != SocketIOParseError.None)
        {
            Fail(error);
            return;
        }
        if (packet!.Type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck && packet.AttachmentCount > 0)
        {
            if (Interlocked.CompareExchange(ref _pending, new PendingBinaryPacket(packet), null) is not null)
            {
                // Closed meanwhile.
                packet.Dispose();
            }
            return;
        }
        Route(packet, null);
    }

    public void OnBinaryMessage(ReadOnlySpan<byte> data)
    {
        var pending = Volatile.Read(ref _pending);
        if (pending is null)
        {
            Fail(SocketIOParseError.UnexpectedBinary);
            return;
        }
        if (pending == PendingBinaryPacket.Closed || !pending.Add(data))
        {
            return;
        }
        // Unless a close took (and disposed) the packet meanwhile, the read side owns it from here.
        if (Interlocked.CompareExchange(ref _pending, null, pending) == pending)
        {
            Route(pending.Packet, pending.Attachments);
        }
    }

    public void OnClose(EngineCloseReason reason, string? description)
    {
        SocketIOSocket[] sockets;
        lock (_gate)
        {
            _closed = true;
            sockets = _sockets;
            _sockets = [];
        }
        _connectTimer?.Dispose();
        var pending = Interlocked.Exchange(ref _pending, PendingBinaryPacket.Closed);
        if (pending is not null && pending != PendingBinaryPacket.Closed)
        {
            pending.Packet.Dispose();
        }
        foreach (var socket in sockets)
        {
            socket.OnConnectionClosed(reason.ToWireString());
        }
    }

    public void Close() => Session.Close();

    /// <summary>
    /// Disconnects every socket of the connection as the server ("server namespace disconnect", which is not
    /// recoverable), then closes it, as the reference server's disconnect(true) does.
    /// </summary>
    public void DisconnectAll()
    {
        SocketIOSocket[] sockets;
        lock (_gate)
        {
            sockets = _sockets;
        }
        foreach (var socket in sockets)
        {
            socket.Finish(SocketIODisconnectReason.ServerNamespaceDisconnect, sendDisconnect: true);
        }
        Close();
    }

    /// <summary>Attaches a socket that finished connecting; false when the connection closed meanwhile.</summary>
    public bool Register(SocketIOSocket socket)
    {
        lock (_gate)
        {
            _connecting = Without(_connecting, socket.Namespace.Name);
            if (_closed)
            {
                return false;
            }
            var index = IndexOf(socket.Namespace.Name);
            if (index >= 0)
            {
                _sockets = [.. _sockets];
                _sockets[index] = socket;
            }
            else
            {
                _sockets = [.. _sockets, socket];
            }
        }
        var timer = Interlocked.Exchange(ref _connectTimer, null);
        timer?.Dispose();
        return true;
    }

    public void ConnectFinished(string @namespace)
    {
        lock (_gate)
        {
            _connecting = Without(_connecting, @namespace);
        }
    }

    public void Forget(SocketIOSocket socket)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_sockets, socket) is var index and >= 0)
            {
                _sockets = [.. _sockets[..index], .. _sockets[(index + 1)..]];
            }
        }
    }

    private void Route(SocketIOPacket packet, IReadOnlyList<byte[]>? attachments)
    {
        _server.Metrics.PacketIn();
        SocketIOSocket? socket;
        bool connecting;
        lock (_gate)
        {
            var index = IndexOf(packet.Namespace);
            socket = index >= 0 ? _sockets[index] : null;
            connecting = Array.IndexOf(_connecting, packet.Namespace) >= 0;
        }

        switch (packet.Type)
        {
            case SocketIOPacketType.Connect when socket is null:
                // A CONNECT while the same namespace's connect is still running is ignored (the reference server would
                // run a second connect alongside).
                if (!connecting)
                {
                    StartConnect(packet);
                }
                packet.Dispose();
                return;
            case SocketIOPacketType.Disconnect when socket is not null:
                packet.Dispose();
                socket.Finish(SocketIODisconnectReason.ClientNamespaceDisconnect, sendDisconnect: false);
                return;
            case SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent when socket is not null:
                socket.HandleEvent(packet, attachments);
                return;
            case SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck when socket is not null:
                socket.HandleAck(packet, attachments);
                return;
            case SocketIOPacketType.Connect:
                // A second CONNECT to a joined namespace: the reference server closes the connection.
                packet.Dispose();
                Session.Close(EngineCloseReason.ParseError, "connect to a namespace already connected", flush: false);
                return;
            default:
                // An event, ack or DISCONNECT for a namespace the client has not joined, or a CONNECT_ERROR from a client.
                packet.Dispose();
                Session.Close(EngineCloseReason.ParseError, "packet for a namespace that is not connected", flush: false);
                return;
        }
    }

    private void StartConnect(SocketIOPacket packet)
    {
        var @namespace = _server.ResolveNamespace(packet.Namespace);
        if (@namespace is null)
        {
            Session.Send(SocketIOPacketEncoder.EncodeConnectError(packet.Namespace, "Invalid namespace", null, _server.JsonOptions));
            return;
        }
        lock (_gate)
        {
            _connecting = [.. _connecting, packet.Namespace];
        }
        var auth = packet.Payload is { } payload ? JsonMarshal.GetRawUtf8Value(payload.RootElement).ToArray() : null;
        _ = RunConnectAsync(@namespace, auth);
    }

    private async Task RunConnectAsync(SocketIONamespace @namespace, byte[]? auth)
    {
        try
        {
            await @namespace.ConnectAsync(this, auth);
        }
        catch (Exception exception)
        {
            _server.LogConnectFailure(Session.Id, @namespace.Name, exception);
            ConnectFinished(@namespace.Name);
        }
    }

    private int IndexOf(string @namespace)
    {
        for (var i = 0; i < _sockets.Length; i++)
        {
            if (_sockets[i].Namespace.Name == @namespace)
            {
                return i;
            }
        }
        return -1;
    }

    private static string[] Without(string[] names, string name) =>
        Array.IndexOf(names, name) is var index and >= 0 ? [.. names[..index], .. names[(index + 1)..]] : names;

    private void Fail(SocketIOParseError error)
    {
        _server.LogParseError(Session.Id, error);
        Session.Close(EngineCloseReason.ParseError, error.ToMessage(), flush: false);
    }

    private void OnConnectTimeout()
    {
        bool idle;
        lock (_gate)
        {
            idle = _sockets.Length == 0 && _connecting.Length == 0 && !_closed;
        }
        if (idle)
        {
            Session.Close(EngineCloseReason.ForcedClose, "no namespace joined within the connect timeout", flush: false);
        }
    }
}
