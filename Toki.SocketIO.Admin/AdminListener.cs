using System.Text.Json;
using Toki.EngineIO.Protocol;

namespace Toki.SocketIO.Admin;

/// <summary>
/// What the admin instrumentation hears from the server: it counts packets and connections for the dashboard and, in
/// development mode, tells the UI of each socket, room and event (never of the admin namespace's own).
/// </summary>
internal sealed class AdminListener(SocketIOAdmin admin) : ISocketIOListener
{
    public SocketIOAdmin Admin { get; } = admin;

    public void OnSocketConnected(SocketIOSocket socket, bool recovered)
    {
        if (IsAdmin(socket.Namespace))
        {
            return;
        }
        Admin.Events.Push("rawConnection");
        if (Admin.Verbose)
        {
            Admin.Namespace.Emit("socket_connected", AdminSocketView.Of(socket, Admin.Options), Admin.Timestamp());
        }
    }

    public void OnSocketDisconnected(SocketIOSocket socket, string reason)
    {
        if (IsAdmin(socket.Namespace))
        {
            return;
        }
        Admin.Events.Push("rawDisconnection", reason);
        if (Admin.Verbose)
        {
            Admin.Namespace.Emit("socket_disconnected", socket.Namespace.Name, socket.Id, reason, Admin.Timestamp());
        }
    }

    public void OnRoomJoined(SocketIONamespace @namespace, string room, string socketId)
    {
        if (!IsAdmin(@namespace) && Admin.Verbose)
        {
            Admin.Namespace.Emit("room_joined", @namespace.Name, room, socketId, Admin.Timestamp());
        }
    }

    public void OnRoomLeft(SocketIONamespace @namespace, string room, string socketId)
    {
        if (!IsAdmin(@namespace) && Admin.Verbose)
        {
            Admin.Namespace.Emit("room_left", @namespace.Name, room, socketId, Admin.Timestamp());
        }
    }

    public void OnEventReceived(SocketIOSocket socket, string eventName, SocketIOArgs args)
    {
        if (IsAdmin(socket.Namespace))
        {
            return;
        }
        Admin.Events.Push("packetsIn");
        Admin.Events.Push("bytesIn", count: args.PayloadLength);
        if (Admin.Verbose)
        {
            var all = new List<object?> { eventName };
            for (var i = 0; i < args.Count; i++)
            {
                all.Add(args[i].Clone());
            }
            Admin.Namespace.Emit("event_received", socket.Namespace.Name, socket.Id, all, Admin.Timestamp());
        }
    }

    public void OnPacketSent(SocketIOSocket socket, OutboundPacket packet)
    {
        if (IsAdmin(socket.Namespace))
        {
            return;
        }
        Admin.Events.Push("packetsOut");
        Admin.Events.Push("bytesOut", count: packet.Header.Bytes.Length);
        if (Admin.Verbose && EventArguments(packet) is { } args)
        {
            Admin.Namespace.Emit("event_sent", socket.Namespace.Name, socket.Id, args, Admin.Timestamp());
        }
    }

    private bool IsAdmin(SocketIONamespace @namespace) => @namespace == Admin.Namespace;

    /// <summary>An EVENT packet's name and arguments (its recovery offset dropped); null for acknowledgements and the rest.</summary>
    internal static JsonElement[]? EventArguments(OutboundPacket packet)
    {
        var text = packet.Header.Bytes.Span;
        // "4" (Engine.IO message), then "2" (EVENT) or "5" (BINARY_EVENT, whose attachment count and "-" follow).
        if (text.Length < 3 || text[0] != (byte)'4' || text[1] is not ((byte)'2' or (byte)'5'))
        {
            return null;
        }
        var start = text.IndexOf((byte)'[');
        if (start < 0)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(packet.Header.Bytes[start..]);
            var items = document.RootElement.EnumerateArray().Select(item => item.Clone()).ToList();
            if (packet.Offset is not null && items.Count > 1)
            {
                items.RemoveAt(items.Count - 1);
            }
            return [.. items];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
