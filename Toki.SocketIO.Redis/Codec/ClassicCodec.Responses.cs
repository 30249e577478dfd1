using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

internal static partial class ClassicCodec
{
    public static byte[] EncodeResponse(ClusterMessage message)
    {
        if (message.Type == ClusterMessageType.BroadcastAck)
        {
            return MsgPackJson.Encode(ClusterJson.Build((writer, attachments) =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("type"u8, BroadcastAck);
                writer.WriteString("requestId"u8, message.RequestId);
                writer.WritePropertyName("packet"u8);
                ClusterJson.WriteValue(writer, message.Value!, attachments);
                writer.WriteEndObject();
            }));
        }
        return Json(writer =>
        {
            writer.WriteStartObject();
            switch (message.Type)
            {
                case ClusterMessageType.BroadcastClientCount:
                    writer.WriteNumber("type"u8, BroadcastClientCount);
                    writer.WriteString("requestId"u8, message.RequestId);
                    writer.WriteNumber("clientCount"u8, message.ClientCount);
                    break;
                case ClusterMessageType.ServerSideEmitResponse:
                    writer.WriteNumber("type"u8, ServerSideEmit);
                    writer.WriteString("requestId"u8, message.RequestId);
                    writer.WritePropertyName("data"u8);
                    NodeJson.Write(writer, message.Value!);
                    break;
                case ClusterMessageType.FetchSocketsResponse:
                    writer.WriteString("requestId"u8, message.RequestId);
                    writer.WritePropertyName("sockets"u8);
                    NodeJson.Write(writer, message.Value!);
                    break;
                case ClusterMessageType.SocketIdsResponse:
                    writer.WriteString("requestId"u8, message.RequestId);
                    ClusterJson.WriteStrings(writer, "sockets"u8, message.Rooms);
                    break;
                case ClusterMessageType.AllRoomsResponse:
                    writer.WriteString("requestId"u8, message.RequestId);
                    ClusterJson.WriteStrings(writer, "rooms"u8, message.Rooms);
                    break;
                case ClusterMessageType.SocketOperationDone:
                    writer.WriteString("requestId"u8, message.RequestId);
                    break;
                default:
                    throw new ArgumentException($"{message.Type} is not a classic response", nameof(message));
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>Reads a response on <paramref name="namespace"/>'s response channel; it names no sender, only the request it answers.</summary>
    public static ClusterMessage DecodeResponse(ReadOnlyMemory<byte> payload, string @namespace)
    {
        var whole = IsJson(payload) ? new SocketIOData(payload) : MsgPackJson.Decode(payload);
        return Parse(whole, root =>
        {
            if (root.ValueKind != JsonValueKind.Object || ClusterJson.ReadString(root, "requestId"u8) is not { } requestId)
            {
                throw new ClusterFormatException("a classic response without requestId");
            }
            switch (ClusterJson.ReadInt(root, "type"u8))
            {
                case BroadcastClientCount:
                    return new ClusterMessage
                    {
                        Type = ClusterMessageType.BroadcastClientCount, Namespace = @namespace, RequestId = requestId,
                        ClientCount = ClusterJson.ReadInt(root, "clientCount"u8) ?? throw new ClusterFormatException("a client count without clientCount"),
                    };
                case BroadcastAck:
                    return new ClusterMessage
                    {
                        Type = ClusterMessageType.BroadcastAck, Namespace = @namespace, RequestId = requestId,
                        Value = root.TryGetProperty("packet"u8, out var ack) ? DataSlice.Of(ack, whole.Attachments) : SocketIOData.Null,
                    };
                case ServerSideEmit:
                    return new ClusterMessage
                    {
                        Type = ClusterMessageType.ServerSideEmitResponse, Namespace = @namespace, RequestId = requestId,
                        Value = root.TryGetProperty("data"u8, out var answer) ? DataSlice.Of(answer, whole.Attachments) : SocketIOData.Null,
                    };
            }
            if (root.TryGetProperty("sockets"u8, out var sockets) && sockets.ValueKind == JsonValueKind.Array)
            {
                return new ClusterMessage
                {
                    Type = ClusterMessageType.FetchSocketsResponse, Namespace = @namespace, RequestId = requestId, Value = DataSlice.Of(sockets, whole.Attachments),
                };
            }
            if (root.TryGetProperty("rooms"u8, out _))
            {
                return new ClusterMessage
                {
                    Type = ClusterMessageType.AllRoomsResponse, Namespace = @namespace, RequestId = requestId, Rooms = ClusterJson.ReadStrings(root, "rooms"u8),
                };
            }
            return new ClusterMessage { Type = ClusterMessageType.SocketOperationDone, Namespace = @namespace, RequestId = requestId };
        });
    }
}
