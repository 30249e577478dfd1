namespace Toki.SocketIO;

/// <summary>The verbs on selections of sockets; all complete synchronously, on this server only.</summary>
public sealed partial class LocalSocketIOAdapter
{
    public override IReadOnlyList<SocketIOSocket> GetLocalSockets(BroadcastOptions options) => Select(options, connectedOnly: true);

    public override ValueTask BroadcastAsync(OutboundPacket packet, BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        Broadcast(packet, options);
        return default;
    }

    public override ValueTask BroadcastWithAckAsync(OutboundPacket packet, BroadcastOptions options, SocketIOBroadcastAcks acks,
        CancellationToken cancellationToken = default)
    {
        BroadcastWithAck(packet, options, acks);
        return default;
    }

    public override Task<IReadOnlyList<SocketIORemoteSocket>> FetchSocketsAsync(BroadcastOptions options, CancellationToken cancellationToken = default) =>
        Task.FromResult(FetchSockets(options));

    public override ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken = default)
    {
        AddSockets(options, rooms);
        return default;
    }

    public override ValueTask RemoveSocketsAsync(BroadcastOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken = default)
    {
        RemoveSockets(options, rooms);
        return default;
    }

    public override ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close, CancellationToken cancellationToken = default)
    {
        DisconnectSockets(options, close);
        return default;
    }

    /// <summary>Delivers an encoded packet to this server's selected sockets (suspended ones record it).</summary>
    public void Broadcast(OutboundPacket packet, BroadcastOptions options)
    {
        foreach (var socket in Select(options, connectedOnly: false))
        {
            socket.Deliver(packet);
        }
    }

    /// <summary>Delivers a packet asking for acknowledgements to this server's selected connected sockets and reports their count.</summary>
    public void BroadcastWithAck(OutboundPacket packet, BroadcastOptions options, SocketIOBroadcastAcks acks)
    {
        var count = 0;
        foreach (var socket in Select(options, connectedOnly: true))
        {
            socket.RegisterAck(acks.AckId, acks);
            acks.Track(socket);
            if (socket.Deliver(packet))
            {
                count++;
            }
            else
            {
                socket.ForgetAck(acks.AckId);
            }
        }
        acks.AddServer(count);
    }

    /// <summary>This server's selected connected sockets, described as <see cref="FetchSocketsAsync"/> returns them.</summary>
    public IReadOnlyList<SocketIORemoteSocket> FetchSockets(BroadcastOptions options) =>
        [.. Select(options, connectedOnly: true).Select(SocketIORemoteSocket.FromLocal)];

    // Membership changes also reach suspended sockets, so that a recovered socket comes back with the rooms it should have.
    public void AddSockets(BroadcastOptions options, IReadOnlyList<string> rooms)
    {
        foreach (var socket in Select(options, connectedOnly: false))
        {
            AddAll(socket, rooms);
            socket.OnRoomsChanged();
        }
    }

    public void RemoveSockets(BroadcastOptions options, IReadOnlyList<string> rooms)
    {
        foreach (var socket in Select(options, connectedOnly: false))
        {
            foreach (var room in rooms)
            {
                Remove(socket, room);
            }
            socket.OnRoomsChanged();
        }
    }

    public void DisconnectSockets(BroadcastOptions options, bool close)
    {
        foreach (var socket in Select(options, connectedOnly: true))
        {
            socket.Disconnect(close);
        }
    }

    /// <summary>Whether any socket of this server is in <paramref name="room"/>.</summary>
    public bool HasRoom(string room)
    {
        lock (_gate)
        {
            return _rooms.ContainsKey(room);
        }
    }
}
