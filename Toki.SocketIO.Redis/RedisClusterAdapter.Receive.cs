using Toki.SocketIO.Protocol;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis;

/// <summary>Messages from the other servers, applied to this server's sockets as socket.io-adapter's ClusterAdapter applies them.</summary>
internal sealed partial class RedisClusterAdapter
{
    /// <summary>Handles a message another server published (<paramref name="offset"/>: its stream entry id, if it came through the stream).</summary>
    public void OnMessage(ClusterMessage message, string? offset)
    {
        if (message.Uid == Uid || message.Namespace != Namespace.Name)
        {
            return;
        }
        try
        {
            Handle(message, offset);
        }
        catch (Exception exception)
        {
            RedisCluster.Log.HandlingFailed(_cluster.Logger, message.Type.ToString(), message.Namespace, message.Uid, exception);
        }
    }

    private void Handle(ClusterMessage message, string? offset)
    {
        switch (message.Type)
        {
            case ClusterMessageType.Broadcast when message.RequestId is null:
                // Most broadcasts name rooms (a user's, a socket's own) that live on one server: the others stop here.
                if (message.Options.Rooms.Count > 0 && !message.Options.Rooms.Any(_local.HasRoom))
                {
                    return;
                }
                var packet = SocketIOPacketEncoder.EncodeEvent(Namespace.Name, message.Packet!, null, null);
                _local.Broadcast(Stamp(packet, message.Options, offset), message.Options);
                return;
            case ClusterMessageType.Broadcast:
                RelayBroadcastWithAck(message);
                return;
            case ClusterMessageType.SocketsJoin:
                _local.AddSockets(message.Options, message.Rooms);
                return;
            case ClusterMessageType.SocketsLeave:
                _local.RemoveSockets(message.Options, message.Rooms);
                return;
            case ClusterMessageType.DisconnectSockets:
                _local.DisconnectSockets(message.Options, message.Close);
                return;
            case ClusterMessageType.FetchSockets:
                var sockets = _local.FetchSockets(message.Options);
                var described = ClusterJson.Build((writer, _) =>
                {
                    writer.WriteStartArray();
                    foreach (var socket in sockets)
                    {
                        socket.WriteTo(writer);
                    }
                    writer.WriteEndArray();
                });
                Respond(message, ClusterMessageType.FetchSocketsResponse, value: described);
                return;
            case ClusterMessageType.ServerSideEmit:
                Action<SocketIOData>? ack = message.RequestId is null ? null : answer => Respond(message, ClusterMessageType.ServerSideEmitResponse, value: answer);
                Namespace.ReceiveServerSideEmit(message.Packet!, ack);
                return;
            case ClusterMessageType.SocketIds:
                var ids = _local.GetLocalSockets(message.Options).Select(s => s.Id).ToArray();
                Respond(message, ClusterMessageType.SocketIdsResponse, rooms: ids);
                return;
            case ClusterMessageType.AllRooms:
                Respond(message, ClusterMessageType.AllRoomsResponse, rooms: [.. _local.GetAllRooms()]);
                return;
            case ClusterMessageType.SocketJoin or ClusterMessageType.SocketLeave or ClusterMessageType.SocketDisconnect:
                HandleSingleSocket(message);
                return;
            case ClusterMessageType.BroadcastClientCount or ClusterMessageType.BroadcastAck or ClusterMessageType.FetchSocketsResponse
                or ClusterMessageType.ServerSideEmitResponse:
                OnResponse(message);
                return;
        }
    }

    /// <summary>Serves another server's broadcast with acknowledgements: our client count, then each client's answer.</summary>
    private void RelayBroadcastWithAck(ClusterMessage message)
    {
        var lifetime = message.Options.Timeout ?? _cluster.Options.RequestsTimeout;
        var relay = SocketIOBroadcastAcks.CreateRelay(Namespace, lifetime + TimeSpan.FromSeconds(1),
            count => Respond(message, ClusterMessageType.BroadcastClientCount, clientCount: count),
            args =>
            {
                using (args)
                {
                    Respond(message, ClusterMessageType.BroadcastAck, value: SocketIOData.FromFirstArgument(args));
                }
            });
        var packet = SocketIOPacketEncoder.EncodeEvent(Namespace.Name, message.Packet!, relay.AckId, null);
        _local.BroadcastWithAck(packet, message.Options, relay);
    }

    // The classic adapter's requests about one socket by id, from servers older than its opts; answered when done.
    private void HandleSingleSocket(ClusterMessage message)
    {
        if (!Namespace.TryGetSocket(message.Sid!, out var socket))
        {
            return;
        }
        switch (message.Type)
        {
            case ClusterMessageType.SocketJoin:
                socket.Join(message.Room!);
                break;
            case ClusterMessageType.SocketLeave:
                socket.Leave(message.Room!);
                break;
            default:
                socket.Disconnect(message.Close);
                break;
        }
        if (message.RequestId is not null)
        {
            Respond(message, ClusterMessageType.SocketOperationDone);
        }
    }

    private void Respond(ClusterMessage request, ClusterMessageType type, SocketIOData? value = null, int clientCount = 0, IReadOnlyList<string>? rooms = null)
    {
        var response = Message(type) with { RequestId = request.RequestId, Value = value, ClientCount = clientCount, Rooms = rooms ?? [] };
        Observe(Transport.PublishResponseAsync(request.Uid, response), response);
    }
}
