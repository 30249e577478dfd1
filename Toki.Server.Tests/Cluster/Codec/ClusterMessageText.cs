using Toki.SocketIO;
using Toki.SocketIO.Redis.Codec;

namespace Toki.Server.Tests.Cluster.Codec;

/// <summary>A cluster message written out field by field, so that tests compare messages (and their binary values) as text.</summary>
internal static class ClusterMessageText
{
    public static string Of(ClusterMessage message)
    {
        var parts = new List<string> { message.Type.ToString() };
        if (message.Uid.Length > 0)
        {
            parts.Add($"uid={message.Uid}");
        }
        parts.Add($"nsp={message.Namespace}");
        if (message.RequestId is not null)
        {
            parts.Add($"req={message.RequestId}");
        }
        var options = message.Options;
        if (options.Rooms.Count > 0 || options.ExceptRooms.Count > 0 || options.Volatile || options.Timeout is not null)
        {
            parts.Add($"to=[{string.Join(",", options.Rooms)}] except=[{string.Join(",", options.ExceptRooms)}]"
                + (options.Volatile ? " volatile" : "") + (options.Timeout is { } t ? $" timeout={t.TotalMilliseconds}" : ""));
        }
        if (message.Rooms.Count > 0)
        {
            parts.Add($"rooms=[{string.Join(",", message.Rooms)}]");
        }
        if (message.Close)
        {
            parts.Add("close");
        }
        if (message.Packet is { } packet)
        {
            parts.Add("packet=" + Data(packet));
        }
        if (message.Value is { } value)
        {
            parts.Add("value=" + Data(value));
        }
        if (message.Type == ClusterMessageType.BroadcastClientCount)
        {
            parts.Add($"clients={message.ClientCount}");
        }
        return string.Join(" ", parts);
    }

    public static string Data(SocketIOData data) =>
        System.Text.Encoding.UTF8.GetString(data.Json.Span)
        + string.Concat(data.Attachments.Select(a => " +" + Convert.ToHexStringLower(a.Span)));
}
