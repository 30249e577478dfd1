using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// The wire format of @socket.io/redis-adapter 8.3 in its classic (pub/sub) mode (lib/index.ts). Broadcasts are
/// notepack MessagePack of <c>[uid, {type:2,data,nsp}, {rooms,except,flags}]</c>. Requests are JSON, except a
/// broadcast asking for acknowledgements (MessagePack); a frame starting with <c>{</c> is JSON. Responses carry no
/// uid and are matched by request id: JSON, except a client's acknowledgement (MessagePack). The classic request
/// codes: 0 SOCKETS, 1 ALL_ROOMS, 2 REMOTE_JOIN, 3 REMOTE_LEAVE, 4 REMOTE_DISCONNECT, 5 REMOTE_FETCH,
/// 6 SERVER_SIDE_EMIT, 7 BROADCAST, 8 BROADCAST_CLIENT_COUNT, 9 BROADCAST_ACK. Pure functions.
/// </summary>
internal static partial class ClassicCodec
{
    private const int Sockets = 0;
    private const int AllRooms = 1;
    private const int RemoteJoin = 2;
    private const int RemoteLeave = 3;
    private const int RemoteDisconnect = 4;
    private const int RemoteFetch = 5;
    private const int ServerSideEmit = 6;
    private const int BroadcastWithAck = 7;
    private const int BroadcastClientCount = 8;
    private const int BroadcastAck = 9;

    /// <summary>The broadcast channel: <c>key#nsp#</c>, or <c>key#nsp#room#</c> for a broadcast to exactly one room.</summary>
    public static string BroadcastChannel(string key, BroadcastOptions options, string @namespace) =>
        options.Rooms.Count == 1 ? $"{key}#{@namespace}#{options.Rooms[0]}#" : $"{key}#{@namespace}#";

    public static byte[] EncodeBroadcast(ClusterMessage message) => MsgPackJson.Encode(ClusterJson.Build((writer, attachments) =>
    {
        writer.WriteStartArray();
        writer.WriteStringValue(message.Uid);
        WritePacket(writer, message.Packet!, message.Namespace, attachments);
        ClusterJson.WriteOptions(writer, message.Options);
        writer.WriteEndArray();
    }));

    public static ClusterMessage DecodeBroadcast(ReadOnlyMemory<byte> payload)
    {
        var whole = MsgPackJson.Decode(payload);
        return Parse(whole, root =>
        {
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 3 || root[0].ValueKind != JsonValueKind.String
                || root[1].ValueKind != JsonValueKind.Object || root[2].ValueKind != JsonValueKind.Object)
            {
                throw new ClusterFormatException("a classic broadcast that is not [uid, packet, opts]");
            }
            var packet = root[1];
            return new ClusterMessage
            {
                Type = ClusterMessageType.Broadcast,
                Uid = root[0].GetString()!,
                // The adapter treats a packet without nsp as one for the main namespace.
                Namespace = ClusterJson.ReadString(packet, "nsp"u8) ?? "/",
                Options = ReadOptions(root[2]),
                Packet = ReadEventData(packet, whole.Attachments),
            };
        });
    }

    private static void WritePacket(Utf8JsonWriter writer, SocketIOData packet, string @namespace, List<ReadOnlyMemory<byte>> attachments)
    {
        writer.WriteStartObject();
        writer.WriteNumber("type"u8, 2);
        writer.WritePropertyName("data"u8);
        ClusterJson.WriteValue(writer, packet, attachments);
        writer.WriteString("nsp"u8, @namespace);
        writer.WriteEndObject();
    }

    private static SocketIOData ReadEventData(JsonElement packet, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        var type = ClusterJson.ReadInt(packet, "type"u8);
        if (type is not (2 or 5) || !packet.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.Array
            || data.GetArrayLength() == 0 || data[0].ValueKind != JsonValueKind.String)
        {
            throw new ClusterFormatException("a classic broadcast whose packet is not an event");
        }
        return DataSlice.Of(data, attachments);
    }

    // The classic requests name the rooms and exceptions; the flags, when present, are read like the cluster's.
    private static BroadcastOptions ReadOptions(JsonElement opts)
    {
        using var wrapper = JsonDocument.Parse("{\"opts\":" + opts.GetRawText() + "}");
        return ClusterJson.ReadOptions(wrapper.RootElement);
    }

    private static bool IsJson(ReadOnlyMemory<byte> payload) => payload.Length > 0 && payload.Span[0] == (byte)'{';

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ClusterJson.WriterOptions))
        {
            write(writer);
        }
        return buffer.WrittenMemory.ToArray();
    }

    private static string Required(string? requestId) => requestId ?? throw new ClusterFormatException("a classic request without requestId");

    private static T Parse<T>(SocketIOData data, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(data.Json);
            return read(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new ClusterFormatException("malformed JSON in a classic message", exception);
        }
    }
}
