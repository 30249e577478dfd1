using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// The <c>data</c> object of socket.io-adapter's ClusterAdapter messages (cluster-adapter.ts), per message type, as
/// the streams adapter carries it in stream entries and pub/sub messages. Broadcast packets are <c>{type:2,data}</c>
/// without <c>nsp</c>, as that adapter writes them.
/// </summary>
internal static class ClusterData
{
    private const int EventPacketType = 2;
    private const int BinaryEventPacketType = 5;

    /// <summary>Whether the message has a <c>data</c> object at all.</summary>
    public static bool HasData(ClusterMessageType type) => type is >= ClusterMessageType.Broadcast and <= ClusterMessageType.BroadcastAck;

    public static void Write(Utf8JsonWriter writer, ClusterMessage message, List<ReadOnlyMemory<byte>> attachments)
    {
        writer.WriteStartObject();
        switch (message.Type)
        {
            case ClusterMessageType.Broadcast:
                WriteEventPacket(writer, message.Packet!, attachments, @namespace: null);
                writer.WritePropertyName("opts"u8);
                ClusterJson.WriteOptions(writer, message.Options);
                WriteRequestId(writer, message);
                break;
            case ClusterMessageType.SocketsJoin or ClusterMessageType.SocketsLeave:
                writer.WritePropertyName("opts"u8);
                ClusterJson.WriteOptions(writer, message.Options);
                ClusterJson.WriteStrings(writer, "rooms"u8, message.Rooms);
                break;
            case ClusterMessageType.DisconnectSockets:
                writer.WritePropertyName("opts"u8);
                ClusterJson.WriteOptions(writer, message.Options);
                writer.WriteBoolean("close"u8, message.Close);
                break;
            case ClusterMessageType.FetchSockets:
                writer.WritePropertyName("opts"u8);
                ClusterJson.WriteOptions(writer, message.Options);
                WriteRequestId(writer, message);
                break;
            case ClusterMessageType.FetchSocketsResponse:
                WriteRequestId(writer, message);
                writer.WritePropertyName("sockets"u8);
                ClusterJson.WriteValue(writer, message.Value!, attachments);
                break;
            case ClusterMessageType.ServerSideEmit:
                WriteRequestId(writer, message);
                writer.WritePropertyName("packet"u8);
                ClusterJson.WriteValue(writer, message.Packet!, attachments);
                break;
            case ClusterMessageType.ServerSideEmitResponse or ClusterMessageType.BroadcastAck:
                WriteRequestId(writer, message);
                writer.WritePropertyName("packet"u8);
                ClusterJson.WriteValue(writer, message.Value!, attachments);
                break;
            case ClusterMessageType.BroadcastClientCount:
                WriteRequestId(writer, message);
                writer.WriteNumber("clientCount"u8, message.ClientCount);
                break;
            default:
                throw new ArgumentException($"{message.Type} is not a ClusterAdapter message", nameof(message));
        }
        writer.WriteEndObject();
    }

    /// <summary>The event packet <c>{"type":2,"data":[...]}</c> (with <c>nsp</c> when given, as the classic adapter writes it).</summary>
    public static void WriteEventPacket(Utf8JsonWriter writer, SocketIOData packet, List<ReadOnlyMemory<byte>> attachments, string? @namespace)
    {
        writer.WriteStartObject("packet"u8);
        writer.WriteNumber("type"u8, EventPacketType);
        writer.WritePropertyName("data"u8);
        ClusterJson.WriteValue(writer, packet, attachments);
        if (@namespace is not null)
        {
            writer.WriteString("nsp"u8, @namespace);
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads the data of a ClusterAdapter message of <paramref name="type"/>; throws <see cref="ClusterFormatException"/> when it does not fit.</summary>
    public static ClusterMessage Read(ClusterMessageType type, string uid, string @namespace, JsonElement? data,
        IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        if (data is not { ValueKind: JsonValueKind.Object } body)
        {
            throw new ClusterFormatException($"message type {(int)type} without a data object");
        }
        var requestId = ClusterJson.ReadString(body, "requestId"u8);
        return type switch
        {
            ClusterMessageType.Broadcast => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, RequestId = requestId,
                Options = ClusterJson.ReadOptions(body),
                Packet = ReadEventPacket(body, attachments),
            },
            ClusterMessageType.SocketsJoin or ClusterMessageType.SocketsLeave => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, Options = ClusterJson.ReadOptions(body), Rooms = ClusterJson.ReadStrings(body, "rooms"u8),
            },
            ClusterMessageType.DisconnectSockets => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, Options = ClusterJson.ReadOptions(body),
                Close = body.TryGetProperty("close"u8, out var close) && close.ValueKind == JsonValueKind.True,
            },
            ClusterMessageType.FetchSockets => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, RequestId = Required(requestId, type), Options = ClusterJson.ReadOptions(body),
            },
            ClusterMessageType.FetchSocketsResponse => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, RequestId = Required(requestId, type),
                Value = Property(body, "sockets"u8, attachments, type),
            },
            ClusterMessageType.ServerSideEmit => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, RequestId = requestId,
                Packet = body.TryGetProperty("packet"u8, out var emitted)
                    ? EventArray(emitted, attachments)
                    : throw new ClusterFormatException($"message type {(int)type} without packet"),
            },
            ClusterMessageType.ServerSideEmitResponse or ClusterMessageType.BroadcastAck => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, RequestId = Required(requestId, type),
                Value = body.TryGetProperty("packet"u8, out var value) ? DataSlice.Of(value, attachments) : SocketIOData.Null,
            },
            ClusterMessageType.BroadcastClientCount => new ClusterMessage
            {
                Type = type, Uid = uid, Namespace = @namespace, RequestId = Required(requestId, type),
                ClientCount = ClusterJson.ReadInt(body, "clientCount"u8) ?? throw new ClusterFormatException("a client count without clientCount"),
            },
            _ => throw new ClusterFormatException($"message type {(int)type} is not a ClusterAdapter message"),
        };
    }

    /// <summary>The <c>data</c> array of an event packet <c>{type:2, data:[...]}</c> (an event with its arguments).</summary>
    public static SocketIOData ReadEventPacket(JsonElement parent, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        if (!parent.TryGetProperty("packet"u8, out var packet) || packet.ValueKind != JsonValueKind.Object)
        {
            throw new ClusterFormatException("a broadcast without a packet");
        }
        var type = ClusterJson.ReadInt(packet, "type"u8);
        if (type is not (EventPacketType or BinaryEventPacketType) || packet.TryGetProperty("id"u8, out _))
        {
            throw new ClusterFormatException($"a broadcast packet of type {type?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, not an event");
        }
        if (!packet.TryGetProperty("data"u8, out var data))
        {
            throw new ClusterFormatException("a broadcast packet without data");
        }
        return EventArray(data, attachments);
    }

    /// <summary>An event's data, <c>["name", args...]</c>, cut out of the message.</summary>
    private static SocketIOData EventArray(JsonElement data, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new ClusterFormatException("event data that is not an array");
        }
        if (data.GetArrayLength() == 0 || data[0].ValueKind != JsonValueKind.String)
        {
            throw new ClusterFormatException("event data without an event name");
        }
        return DataSlice.Of(data, attachments);
    }

    private static SocketIOData Property(JsonElement body, ReadOnlySpan<byte> name, IReadOnlyList<ReadOnlyMemory<byte>> attachments, ClusterMessageType type) =>
        body.TryGetProperty(name, out var value)
            ? DataSlice.Of(value, attachments)
            : throw new ClusterFormatException($"message type {(int)type} without {System.Text.Encoding.UTF8.GetString(name)}");

    private static string Required(string? requestId, ClusterMessageType type) =>
        requestId ?? throw new ClusterFormatException($"message type {(int)type} without a requestId");

    private static void WriteRequestId(Utf8JsonWriter writer, ClusterMessage message)
    {
        if (message.RequestId is not null)
        {
            writer.WriteString("requestId"u8, message.RequestId);
        }
    }
}
