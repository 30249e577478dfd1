using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Toki.EngineIO.Transports;

/// <summary>
/// The RFC 6455 server handshake over Kestrel's HTTP/1.1 upgrade, done here rather than through the WebSockets
/// middleware so the endpoint works wherever it is mapped and no keep-alive or compression is negotiated
/// (Engine.IO has its own heartbeat).
/// </summary>
internal static class WebSocketUpgrade
{
    private static ReadOnlySpan<byte> AcceptGuid => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    public static bool IsWebSocketRequest(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest || !HttpMethods.IsGet(context.Request.Method))
        {
            return false;
        }
        foreach (var value in context.Request.Headers.Upgrade)
        {
            if (value is not null && value.Contains("websocket", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Completes the upgrade; null when the request is not a valid version 13 handshake.</summary>
    public static async Task<EngineWebSocket?> AcceptAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var key = headers.SecWebSocketKey.ToString();
        if (headers.SecWebSocketVersion.ToString() != "13" || !IsValidKey(key))
        {
            return null;
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>()!;
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = ComputeAccept(key);
        var stream = await upgrade.UpgradeAsync();
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = TimeSpan.Zero,
        });
        return new ManagedEngineWebSocket(socket, context);
    }

    internal static string ComputeAccept(string key)
    {
        Span<byte> input = stackalloc byte[key.Length + AcceptGuid.Length];
        var written = Encoding.ASCII.GetBytes(key, input);
        AcceptGuid.CopyTo(input[written..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>A Sec-WebSocket-Key is the base64 of 16 bytes.</summary>
    internal static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }
}
