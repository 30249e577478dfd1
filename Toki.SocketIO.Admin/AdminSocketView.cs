using Toki.EngineIO.Protocol;

namespace Toki.SocketIO.Admin;

/// <summary>A socket as the UI lists it (Node's <c>serialize(socket)</c>): id, client, transport, namespace, data, handshake, rooms.</summary>
internal static class AdminSocketView
{
    public static object Of(SocketIOSocket socket, SocketIOAdminOptions options)
    {
        var engine = socket.Handshake.Engine;
        var headers = engine.Headers.ToDictionary(pair => pair.Key.ToLowerInvariant(), pair => pair.Value.ToString(), StringComparer.Ordinal);
        var address = headers.GetValueOrDefault("cf-connecting-ip") ?? headers.GetValueOrDefault("x-forwarded-for") ?? engine.RemoteAddress?.ToString();
        var connection = socket.ConnectionId;
        return new
        {
            id = socket.Id,
            clientId = connection.Length > 12 ? connection[..12] : connection,
            transport = socket.Transport == EngineTransportKind.WebSocket ? "websocket" : "polling",
            nsp = socket.Namespace.Name,
            data = options.DescribeData?.Invoke(socket.Data) ?? new Dictionary<string, object>(),
            handshake = new
            {
                address,
                headers,
                query = engine.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal),
                issued = engine.Issued.ToUnixTimeMilliseconds(),
                secure = engine.Secure,
                time = engine.Issued.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                url = engine.Url,
                xdomain = headers.ContainsKey("origin"),
            },
            rooms = socket.Rooms,
        };
    }
}
