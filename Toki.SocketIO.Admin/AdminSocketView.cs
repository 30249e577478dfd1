using System.Text.Json;
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

    /// <summary>
    /// A socket of another server of the cluster, from its <c>fetchSockets</c> descriptor. As in Node's admin, its client
    /// id and transport are not known there; its data goes through <see cref="SocketIOAdminOptions.DescribeData"/> as JSON.
    /// </summary>
    public static object Of(SocketIORemoteSocket socket, SocketIONamespace @namespace, SocketIOAdminOptions options)
    {
        if (socket.Local is { } local)
        {
            return Of(local, options);
        }
        var handshake = socket.Handshake;
        return new
        {
            id = socket.Id,
            clientId = (string?)null,
            transport = (string?)null,
            nsp = @namespace.Name,
            data = options.DescribeData?.Invoke(socket.Data) ?? new Dictionary<string, object>(),
            handshake = new
            {
                address = Header(handshake, "cf-connecting-ip") ?? Header(handshake, "x-forwarded-for") ?? Field(handshake, "address")?.GetString(),
                headers = Field(handshake, "headers"),
                query = Field(handshake, "query"),
                issued = Field(handshake, "issued"),
                secure = Field(handshake, "secure"),
                time = Field(handshake, "time"),
                url = Field(handshake, "url"),
                xdomain = Field(handshake, "xdomain"),
            },
            rooms = socket.Rooms,
        };
    }

    private static JsonElement? Field(JsonElement handshake, string name) =>
        handshake.ValueKind == JsonValueKind.Object && handshake.TryGetProperty(name, out var value) ? value : null;

    private static string? Header(JsonElement handshake, string name) =>
        Field(handshake, "headers") is { ValueKind: JsonValueKind.Object } headers && headers.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
