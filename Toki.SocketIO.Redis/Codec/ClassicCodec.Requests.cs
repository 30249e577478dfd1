using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

internal static partial class ClassicCodec
{
    public static byte[] EncodeRequest(ClusterMessage message)
    {
        if (message.Type == ClusterMessageType.Broadcast)
        {
            return MsgPackJson.Encode(ClusterJson.Build((writer, attachments) =>
            {
                writer.WriteStartObject();
                writer.WriteString("uid"u8, message.Uid);
                writer.WriteString("requestId"u8, message.RequestId);
                writer.WriteNumber("type"u8, BroadcastWithAck);
                writer.WritePropertyName("packet"u8);
                WritePacket(writer, message.Packet!, message.Namespace, attachments);
                writer.WritePropertyName("opts"u8);
                ClusterJson.WriteOptions(writer, message.Options);
                writer.WriteEndObject();
            }));
        }
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("uid"u8, message.Uid);
            if (message.RequestId is not null)
            {
                writer.WriteString("requestId"u8, message.RequestId);
            }
            switch (message.Type)
            {
                case ClusterMessageType.SocketsJoin or ClusterMessageType.SocketsLeave:
                    writer.WriteNumber("type"u8, message.Type == ClusterMessageType.SocketsJoin ? RemoteJoin : RemoteLeave);
                    writer.WritePropertyName("opts"u8);
                    ClusterJson.WriteOptions(writer, message.Options, withFlags: false);
                    ClusterJson.WriteStrings(writer, "rooms"u8, message.Rooms);
                    break;
                case ClusterMessageType.DisconnectSockets:
                    writer.WriteNumber("type"u8, RemoteDisconnect);
                    writer.WritePropertyName("opts"u8);
                    ClusterJson.WriteOptions(writer, message.Options, withFlags: false);
                    writer.WriteBoolean("close"u8, message.Close);
                    break;
                case ClusterMessageType.FetchSockets:
                    writer.WriteNumber("type"u8, RemoteFetch);
                    writer.WritePropertyName("opts"u8);
                    ClusterJson.WriteOptions(writer, message.Options, withFlags: false);
                    break;
                case ClusterMessageType.ServerSideEmit:
                    writer.WriteNumber("type"u8, ServerSideEmit);
                    writer.WritePropertyName("data"u8);
                    NodeJson.Write(writer, message.Packet!);
                    break;
                default:
                    throw new ArgumentException($"{message.Type} is not a classic request", nameof(message));
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>Reads a request published on <paramref name="namespace"/>'s request channel.</summary>
    public static ClusterMessage DecodeRequest(ReadOnlyMemory<byte> payload, string @namespace)
    {
        var whole = IsJson(payload) ? new SocketIOData(payload) : MsgPackJson.Decode(payload);
        return Parse(whole, root =>
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClusterFormatException("a classic request that is not an object");
            }
            var uid = ClusterJson.ReadString(root, "uid"u8) ?? "";
            var requestId = ClusterJson.ReadString(root, "requestId"u8);
            var hasOpts = root.TryGetProperty("opts"u8, out var opts) && opts.ValueKind == JsonValueKind.Object;
            var options = hasOpts ? ReadOptions(opts) : BroadcastOptions.All;
            return ClusterJson.ReadInt(root, "type"u8) switch
            {
                Sockets => new ClusterMessage
                {
                    Type = ClusterMessageType.SocketIds, Uid = uid, Namespace = @namespace, RequestId = Required(requestId),
                    Options = new BroadcastOptions(ClusterJson.ReadStrings(root, "rooms"u8), []),
                },
                AllRooms => new ClusterMessage { Type = ClusterMessageType.AllRooms, Uid = uid, Namespace = @namespace, RequestId = Required(requestId) },
                RemoteJoin or RemoteLeave when hasOpts => new ClusterMessage
                {
                    Type = ClusterJson.ReadInt(root, "type"u8) == RemoteJoin ? ClusterMessageType.SocketsJoin : ClusterMessageType.SocketsLeave,
                    Uid = uid, Namespace = @namespace, Options = options, Rooms = ClusterJson.ReadStrings(root, "rooms"u8),
                },
                RemoteJoin or RemoteLeave => new ClusterMessage
                {
                    Type = ClusterJson.ReadInt(root, "type"u8) == RemoteJoin ? ClusterMessageType.SocketJoin : ClusterMessageType.SocketLeave,
                    Uid = uid, Namespace = @namespace, RequestId = requestId,
                    Sid = ClusterJson.ReadString(root, "sid"u8) ?? throw new ClusterFormatException("a single-socket request without sid"),
                    Room = ClusterJson.ReadString(root, "room"u8) ?? throw new ClusterFormatException("a single-socket request without room"),
                },
                RemoteDisconnect when hasOpts => new ClusterMessage
                {
                    Type = ClusterMessageType.DisconnectSockets, Uid = uid, Namespace = @namespace, Options = options,
                    Close = root.TryGetProperty("close"u8, out var close) && close.ValueKind == JsonValueKind.True,
                },
                RemoteDisconnect => new ClusterMessage
                {
                    Type = ClusterMessageType.SocketDisconnect, Uid = uid, Namespace = @namespace, RequestId = requestId,
                    Sid = ClusterJson.ReadString(root, "sid"u8) ?? throw new ClusterFormatException("a single-socket request without sid"),
                    Close = root.TryGetProperty("close"u8, out var closeOne) && closeOne.ValueKind == JsonValueKind.True,
                },
                RemoteFetch => new ClusterMessage
                {
                    Type = ClusterMessageType.FetchSockets, Uid = uid, Namespace = @namespace, RequestId = Required(requestId), Options = options,
                },
                ServerSideEmit => new ClusterMessage
                {
                    Type = ClusterMessageType.ServerSideEmit, Uid = uid, Namespace = @namespace, RequestId = requestId,
                    Packet = root.TryGetProperty("data"u8, out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
                        && data[0].ValueKind == JsonValueKind.String
                        ? DataSlice.Of(data, whole.Attachments)
                        : throw new ClusterFormatException("a server-side emit without an event"),
                },
                BroadcastWithAck => new ClusterMessage
                {
                    Type = ClusterMessageType.Broadcast, Uid = uid, Namespace = @namespace, RequestId = Required(requestId), Options = options,
                    Packet = ClusterData.ReadEventPacket(root, whole.Attachments),
                },
                var type => throw new ClusterFormatException($"a classic request of unknown type {type}"),
            };
        });
    }
}
