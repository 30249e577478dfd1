using System.Globalization;
using System.Text.Json;

namespace Toki.SocketIO;

/// <summary>
/// Writes a local socket the way the Node server describes one to the other servers of a cluster
/// (<c>{ id, handshake, rooms, data }</c>, the handshake as socket.io builds it), so that Node and Toki members
/// read each other's <c>fetchSockets()</c> answers alike.
/// </summary>
internal static class SocketIOSocketDescription
{
    public static void Write(Utf8JsonWriter writer, SocketIOSocket socket, IReadOnlyList<string> rooms)
    {
        var handshake = socket.Handshake;
        var engine = handshake.Engine;
        writer.WriteStartObject();
        writer.WriteString("id"u8, socket.Id);
        writer.WriteStartObject("handshake"u8);
        writer.WriteStartObject("headers"u8);
        foreach (var (name, value) in engine.Headers)
        {
            writer.WriteString(name, value.ToString());
        }
        writer.WriteEndObject();
        writer.WriteString("time"u8, NodeDateString(engine.Issued));
        writer.WriteString("address"u8, engine.RemoteAddress?.ToString() ?? "");
        writer.WriteBoolean("xdomain"u8, handshake.GetHeader("origin") is not null);
        writer.WriteBoolean("secure"u8, engine.Secure);
        writer.WriteNumber("issued"u8, engine.Issued.ToUnixTimeMilliseconds());
        writer.WriteString("url"u8, engine.Url);
        writer.WriteStartObject("query"u8);
        foreach (var (name, value) in engine.Query)
        {
            writer.WriteString(name, value.ToString());
        }
        writer.WriteEndObject();
        writer.WritePropertyName("auth"u8);
        handshake.Auth.WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteStartArray("rooms"u8);
        foreach (var room in rooms)
        {
            writer.WriteStringValue(room);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("data"u8);
        WriteData(writer, socket);
        writer.WriteEndObject();
    }

    /// <summary>The socket's data as JSON: <c>{}</c> when it has none (the Node server's default), null when it cannot be serialized.</summary>
    public static void WriteData(Utf8JsonWriter writer, SocketIOSocket socket)
    {
        switch (socket.Data)
        {
            case null:
                writer.WriteStartObject();
                writer.WriteEndObject();
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
        }
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(socket.Data, socket.Data.GetType(), socket.Namespace.Server.JsonOptions);
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or JsonException)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteRawValue(json, skipInputValidation: true);
    }

    // What JavaScript's `new Date() + ""` gives on a server running in UTC, the form socket.io puts in handshake.time.
    private static string NodeDateString(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " GMT+0000 (Coordinated Universal Time)";
}
