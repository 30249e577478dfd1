using System.Text.Json;
using Toki.EngineIO;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// One Engine.IO session seen from Socket.IO: decodes its packets (reassembling binary attachments), routes
/// them to the socket of their namespace, and closes the session on anything malformed.
/// </summary>
internal sealed class SocketIOConnection : IEngineIOSessionHandler
{
    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement.Clone();
    private readonly SocketIOServer _server;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SocketIOSocket> _sockets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _connecting = new(StringComparer.Ordinal);
    private ITimer? _connectTimer;
    private SocketIOPacket? _pending;
    private List<byte[]>? _pendingAttachments;
    private bool _closed;

    public SocketIOConnection(SocketIOServer server, EngineIOSession session)
    {
        _server = server;
        Session = session;
        _connectTimer = server.Time.CreateTimer(static state => ((SocketIOConnection)state!).OnConnectTimeout(), this,
            server.Options.ConnectTimeout, Timeout.InfiniteTimeSpan);
    }

    public EngineIOSession Session { get; }

    public void OnMessage(ReadOnlySpan<byte> utf8)
    {
        if (_pending is not null)
        {
            Fail(SocketIOParseError.UnexpectedText);
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
            _pending = packet;
            _pendingAttachments = new List<byte[]>(packet.AttachmentCount);
            return;
        }
        Route(packet, null);
    }

    public void OnBinaryMessage(ReadOnlySpan<byte> data)
    {
        if (_pending is null)
        {
            Fail(SocketIOParseError.UnexpectedBinary);
            return;
        }
        _pendingAttachments!.Add(data.ToArray());
        if (_pendingAttachments.Count == _pending.AttachmentCount)
        {
            var packet = _pending;
            var attachments = _pendingAttachments;
            _pending = null;
            _pendingAttachments = null;
            Route(packet, attachments);
        }
    }

    public void OnClose(EngineCloseReason reason, string? description)
    {
        SocketIOSocket[] sockets;
        lock (_gate)
        {
            _closed = true;
            sockets = [.. _sockets.Values];
            _sockets.Clear();
        }
        _connectTimer?.Dispose();
        _pending?.Dispose();
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
            sockets = [.. _sockets.Values];
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
            _connecting.Remove(socket.Namespace.Name);
            if (_closed)
            {
                return false;
            }
            _sockets[socket.Namespace.Name] = socket;
        }
        var timer = Interlocked.Exchange(ref _connectTimer, null);
        timer?.Dispose();
        return true;
    }

    public void ConnectFinished(string @namespace)
    {
        lock (_gate)
        {
            _connecting.Remove(@namespace);
        }
    }

    public void Forget(SocketIOSocket socket)
    {
        lock (_gate)
        {
            if (_sockets.TryGetValue(socket.Namespace.Name, out var current) && ReferenceEquals(current, socket))
            {
                _sockets.Remove(socket.Namespace.Name);
            }
        }
    }

    private void Route(SocketIOPacket packet, IReadOnlyList<byte[]>? attachments)
    {
        SocketIOSocket? socket;
        bool connecting;
        lock (_gate)
        {
            _sockets.TryGetValue(packet.Namespace, out socket);
            connecting = _connecting.Contains(packet.Namespace);
        }

        switch (packet.Type)
        {
            case SocketIOPacketType.Connect:
                if (socket is null && !connecting)
                {
                    StartConnect(packet);
                }
                packet.Dispose();
                return;
            case SocketIOPacketType.Disconnect:
                packet.Dispose();
                socket?.Finish(SocketIODisconnectReason.ClientNamespaceDisconnect, sendDisconnect: false);
                return;
            case SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent when socket is not null:
                socket.HandleEvent(packet, attachments);
                return;
            case SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck when socket is not null:
                socket.HandleAck(packet, attachments);
                return;
            default:
                // An event for a namespace the client has not joined, or a CONNECT_ERROR from a client.
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
            _connecting.Add(packet.Namespace);
        }
        var auth = packet.Payload?.RootElement.Clone() ?? EmptyAuth;
        _ = RunConnectAsync(@namespace, auth);
    }

    private async Task RunConnectAsync(SocketIONamespace @namespace, JsonElement auth)
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
            idle = _sockets.Count == 0 && _connecting.Count == 0 && !_closed;
        }
        if (idle)
        {
            Session.Close(EngineCloseReason.ForcedClose, "no namespace joined within the connect timeout", flush: false);
        }
    }
}
