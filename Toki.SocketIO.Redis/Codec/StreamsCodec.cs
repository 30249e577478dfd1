using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// The wire format of @socket.io/redis-streams-adapter 0.3 (lib/adapter.ts). Stream entries have the fields
/// <c>uid</c>, <c>nsp</c>, <c>type</c> (a decimal string) and <c>data</c>: the data object as JSON, or, when a type that
/// may carry binary does, base64 of its MessagePack. Pub/sub messages (requests and all responses) are the whole
/// message <c>{uid,nsp,type,data}</c> as MessagePack with a numeric type. Sessions are base64 of the MessagePack of
/// <c>{sid,pid,rooms,data}</c>. Pure functions.
/// </summary>
internal static class StreamsCodec
{
    /// <summary>The fields of a stream entry, in the order the Node adapter writes them.</summary>
    public readonly record struct Entry(string Uid, string Namespace, string Type, string? Data);

    /// <summary>Whether the message goes through pub/sub rather than the stream (the adapter's <c>isEphemeral</c>, plus every response).</summary>
    public static bool IsEphemeral(ClusterMessage message) => message.Type switch
    {
        ClusterMessageType.Broadcast => message.RequestId is not null,
        ClusterMessageType.FetchSockets or ClusterMessageType.ServerSideEmit => true,
        ClusterMessageType.SocketsJoin or ClusterMessageType.SocketsLeave or ClusterMessageType.DisconnectSockets => false,
        _ => true,
    };

    public static Entry EncodeEntry(ClusterMessage message)
    {
        var data = ClusterJson.Build((writer, attachments) => ClusterData.Write(writer, message, attachments));
        var text = data.HasBinary && MayContainBinary(message.Type)
            ? Convert.ToBase64String(MsgPackJson.Encode(data))
            : Encoding.UTF8.GetString(data.Json.Span);
        return new Entry(message.Uid, message.Namespace, ((int)message.Type).ToString(CultureInfo.InvariantCulture), text);
    }

    public static ClusterMessage DecodeEntry(Entry entry)
    {
        if (!int.TryParse(entry.Type, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || !Enum.IsDefined((ClusterMessageType)code)
            || code > (int)ClusterMessageType.BroadcastAck)
        {
            throw new ClusterFormatException($"stream entry of unknown type '{entry.Type}'");
        }
        var type = (ClusterMessageType)code;
        if (string.IsNullOrEmpty(entry.Data))
        {
            return ClusterData.Read(type, entry.Uid, entry.Namespace, null, []);
        }
        SocketIOData data;
        if (entry.Data[0] == '{')
        {
            data = new SocketIOData(Encoding.UTF8.GetBytes(entry.Data));
        }
        else
        {
            byte[] msgpack;
            try
            {
                msgpack = Convert.FromBase64String(entry.Data);
            }
            catch (FormatException exception)
            {
                throw new ClusterFormatException("stream entry data that is neither JSON nor base64", exception);
            }
            data = MsgPackJson.Decode(msgpack);
        }
        return Parse(data, root => ClusterData.Read(type, entry.Uid, entry.Namespace, root, data.Attachments));
    }

    public static byte[] EncodePubSub(ClusterMessage message)
    {
        var whole = ClusterJson.Build((writer, attachments) =>
        {
            writer.WriteStartObject();
            writer.WriteString("uid"u8, message.Uid);
            writer.WriteString("nsp"u8, message.Namespace);
            writer.WriteNumber("type"u8, (int)message.Type);
            writer.WritePropertyName("data"u8);
            ClusterData.Write(writer, message, attachments);
            writer.WriteEndObject();
        });
        return MsgPackJson.Encode(whole);
    }

    public static ClusterMessage DecodePubSub(ReadOnlyMemory<byte> payload)
    {
        var whole = MsgPackJson.Decode(payload);
        return Parse(whole, root =>
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClusterFormatException("pub/sub message that is not a map");
            }
            var type = ClusterJson.ReadInt(root, "type"u8);
            if (type is not { } code || code < (int)ClusterMessageType.Broadcast || code > (int)ClusterMessageType.BroadcastAck)
            {
                throw new ClusterFormatException($"pub/sub message of unknown type {type}");
            }
            var uid = ClusterJson.ReadString(root, "uid"u8) ?? throw new ClusterFormatException("pub/sub message without uid");
            var @namespace = ClusterJson.ReadString(root, "nsp"u8) ?? throw new ClusterFormatException("pub/sub message without nsp");
            JsonElement? data = root.TryGetProperty("data"u8, out var d) ? d : null;
            return ClusterData.Read((ClusterMessageType)code, uid, @namespace, data, whole.Attachments);
        });
    }

    /// <summary>A session as the adapter's <c>persistSession</c> stores it: base64 of MessagePack <c>{sid,pid,rooms,data}</c>.</summary>
    public static string EncodeSession(SocketIOSessionSnapshot session)
    {
        var json = ClusterJson.Build((writer, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("sid"u8, session.Sid);
            writer.WriteString("pid"u8, session.Pid);
            ClusterJson.WriteStrings(writer, "rooms"u8, session.Rooms);
            writer.WritePropertyName("data"u8);
            writer.WriteRawValue(session.Data.Length == 0 ? "{}"u8 : session.Data.Span, skipInputValidation: true);
            writer.WriteEndObject();
        });
        return Convert.ToBase64String(MsgPackJson.Encode(json));
    }

    public static SocketIOStoredSession DecodeSession(string stored)
    {
        byte[] msgpack;
        try
        {
            msgpack = Convert.FromBase64String(stored);
        }
        catch (FormatException exception)
        {
            throw new ClusterFormatException("a stored session that is not base64", exception);
        }
        var json = MsgPackJson.Decode(msgpack);
        return Parse(json, root =>
        {
            if (root.ValueKind != JsonValueKind.Object
                || ClusterJson.ReadString(root, "sid"u8) is not { } sid || ClusterJson.ReadString(root, "pid"u8) is not { } pid)
            {
                throw new ClusterFormatException("a stored session without sid and pid");
            }
            var data = root.TryGetProperty("data"u8, out var d) ? d.Clone() : JsonElement.Parse("{}"u8);
            return new SocketIOStoredSession(sid, pid, ClusterJson.ReadStrings(root, "rooms"u8), data);
        });
    }

    /// <summary>Whether the adapter encodes this type's data as MessagePack when it holds binary (the others are always JSON).</summary>
    private static bool MayContainBinary(ClusterMessageType type) => type is ClusterMessageType.Broadcast or ClusterMessageType.FetchSocketsResponse
        or ClusterMessageType.ServerSideEmit or ClusterMessageType.ServerSideEmitResponse or ClusterMessageType.BroadcastAck;

    private static T Parse<T>(SocketIOData data, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(data.Json);
            return read(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new ClusterFormatException("malformed JSON in a cluster message", exception);
        }
    }
}
