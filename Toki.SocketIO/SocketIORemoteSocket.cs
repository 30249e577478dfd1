using System.Text.Json;

namespace Toki.SocketIO;

/// <summary>
/// A socket of the namespace as <see cref="BroadcastOperator.FetchSocketsAsync"/> finds it anywhere in the cluster:
/// its id, rooms, handshake and data as JSON (the shape the Node server's <c>fetchSockets()</c> gives), and the
/// operations that reach it wherever it lives. <see cref="Local"/> is the live socket when it is on this server.
/// </summary>
public sealed class SocketIORemoteSocket
{
    private readonly SocketIONamespace _namespace;
    private JsonElement? _handshake;
    private JsonElement? _data;

    internal SocketIORemoteSocket(SocketIONamespace @namespace, string id, IReadOnlyList<string> rooms, JsonElement? handshake, JsonElement? data,
        SocketIOSocket? local)
    {
        _namespace = @namespace;
        Id = id;
        Rooms = rooms;
        _handshake = handshake;
        _data = data;
        Local = local;
    }

    public string Id { get; }

    public IReadOnlyList<string> Rooms { get; }

    /// <summary>The live socket when it is connected to this server, otherwise null.</summary>
    public SocketIOSocket? Local { get; }

    /// <summary><c>{ headers, time, address, xdomain, secure, issued, url, query, auth }</c>.</summary>
    public JsonElement Handshake => _handshake ??= Describe().GetProperty("handshake").Clone();

    /// <summary>The socket's data as JSON (<c>{}</c> when it has none).</summary>
    public JsonElement Data => _data ??= Describe().GetProperty("data").Clone();

    /// <summary>Builds the descriptor of a socket on this server.</summary>
    public static SocketIORemoteSocket FromLocal(SocketIOSocket socket) =>
        new(socket.Namespace, socket.Id, [.. socket.Rooms], null, null, socket);

    /// <summary>Reads a descriptor <c>{ id, handshake, rooms, data }</c> another server sent.</summary>
    public static SocketIORemoteSocket? Parse(SocketIONamespace @namespace, JsonElement description)
    {
        if (description.ValueKind != JsonValueKind.Object
            || !description.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var rooms = new List<string>();
        if (description.TryGetProperty("rooms"u8, out var roomList) && roomList.ValueKind == JsonValueKind.Array)
        {
            foreach (var room in roomList.EnumerateArray())
            {
                if (room.ValueKind == JsonValueKind.String)
                {
                    rooms.Add(room.GetString()!);
                }
            }
        }
        var handshake = description.TryGetProperty("handshake"u8, out var h) ? h.Clone() : default;
        var data = description.TryGetProperty("data"u8, out var d) ? d.Clone() : default;
        return new SocketIORemoteSocket(@namespace, id.GetString()!, rooms, handshake, data, null);
    }

    public ValueTask EmitAsync(string eventName, params object?[] args) => _namespace.To(Id).EmitAsync(eventName, args);

    public ValueTask JoinAsync(params string[] rooms) => _namespace.In(Id).SocketsJoinAsync(rooms);

    public ValueTask LeaveAsync(params string[] rooms) => _namespace.In(Id).SocketsLeaveAsync(rooms);

    public ValueTask DisconnectAsync(bool close = false) => _namespace.In(Id).DisconnectSocketsAsync(close);

    /// <summary>Writes <c>{ id, handshake, rooms, data }</c>, the descriptor other servers read with <see cref="Parse"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (Local is { } socket)
        {
            SocketIOSocketDescription.Write(writer, socket, Rooms);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WritePropertyName("handshake"u8);
        Handshake.WriteTo(writer);
        writer.WriteStartArray("rooms"u8);
        foreach (var room in Rooms)
        {
            writer.WriteStringValue(room);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("data"u8);
        Data.WriteTo(writer);
        writer.WriteEndObject();
    }

    private JsonElement Describe()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }
        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
