using Microsoft.AspNetCore.Http;

namespace Toki.EngineIO.Protocol;

/// <summary>
/// Classifies an Engine.IO request from its query string values, method and whether it is a WebSocket
/// upgrade; every other combination is the spec's error. Pure: session lookup happens afterwards.
/// </summary>
public static class EngineRequestParser
{
    public static EngineError? Parse(string? eio, string? transport, string? sid, string method, bool isWebSocketRequest,
        bool allowPolling, bool allowWebSocket, out EngineRequest request)
    {
        request = default;
        var kind = transport switch
        {
            "polling" when allowPolling => EngineTransportKind.Polling,
            "websocket" when allowWebSocket => EngineTransportKind.WebSocket,
            _ => (EngineTransportKind?)null,
        };
        if (kind is null)
        {
            return EngineError.UnknownTransport;
        }
        if (eio != "4")
        {
            return EngineError.UnsupportedProtocolVersion;
        }
        if (sid is not null && sid.Length == 0)
        {
            return EngineError.UnknownSid;
        }

        if (kind == EngineTransportKind.WebSocket)
        {
            if (!isWebSocketRequest || !HttpMethods.IsGet(method))
            {
                return EngineError.BadRequest;
            }
            request = new EngineRequest(sid is null ? EngineRequestKind.WebSocketHandshake : EngineRequestKind.WebSocketUpgrade, sid);
            return null;
        }

        if (isWebSocketRequest)
        {
            return EngineError.BadRequest;
        }
        if (sid is null)
        {
            if (!HttpMethods.IsGet(method))
            {
                return EngineError.BadHandshakeMethod;
            }
            request = new EngineRequest(EngineRequestKind.PollingHandshake, null);
            return null;
        }
        if (HttpMethods.IsGet(method))
        {
            request = new EngineRequest(EngineRequestKind.Poll, sid);
            return null;
        }
        if (HttpMethods.IsPost(method))
        {
            request = new EngineRequest(EngineRequestKind.Post, sid);
            return null;
        }
        return EngineError.BadRequest;
    }
}
