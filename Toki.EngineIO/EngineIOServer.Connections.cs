using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Toki.EngineIO.Connections;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

public sealed partial class EngineIOServer
{
    /// <summary>
    /// Answers a WebSocket upgrade request read off a connection below Kestrel's HTTP layer, with the same checks and
    /// error answers as <see cref="HandleRequestAsync"/>. Returns the task of the session then running over a
    /// <see cref="PipeWebSocket"/> (complete when the connection can be let go), or null when there is none. Nothing
    /// of the request outlives this method but the compact head the session's handshake keeps.
    /// </summary>
    internal async Task<Task?> AcceptConnectionAsync(ConnectionContext connection, WebSocketUpgradeRequest request, bool secure,
        IServiceProvider? services)
    {
        var output = connection.Transport.Output;
        if (!CheckOrigin(request.Origin, secure ? "https" : "http", request.Host, out var corsOrigin))
        {
            await RawHttpResponses.WriteErrorAsync(output, EngineError.Forbidden, null);
            return null;
        }
        var error = EngineRequestParser.Parse(request.Eio, request.Transport, request.Sid, HttpMethods.Get, isWebSocketRequest: true,
            Options.AllowPolling, Options.AllowWebSocket, out var parsed);
        if (error is not null)
        {
            Log.RequestRefused(Logger, error.Code, error.Message, HttpMethods.Get, request.QueryString);
            await RawHttpResponses.WriteErrorAsync(output, error, corsOrigin);
            return null;
        }

        var socket = new PipeWebSocket(connection.Transport, connection);
        if (parsed.Kind == EngineRequestKind.WebSocketHandshake)
        {
            var id = NewSessionId();
            if (!HasRoomForSession)
            {
                await RawHttpResponses.WriteErrorAsync(output, EngineError.ServiceUnavailable, corsOrigin);
                return null;
            }
            if (!await AllowAsync(request, connection, secure, services))
            {
                await RawHttpResponses.WriteErrorAsync(output, EngineError.Forbidden, corsOrigin);
                return null;
            }
            // Unflushed: the 101 answer goes out together with the open packet.
            await socket.WriteRawAsync(RawHttpResponses.SwitchingProtocols(request.Key, corsOrigin, Options.Cookie?.Serialize(id)), flush: false);
            var handshake = EngineHandshake.FromHead(request.Head, (connection.RemoteEndPoint as IPEndPoint)?.Address, secure, Time.GetUtcNow());
            return OpenSession(id, handshake, EngineTransportKind.WebSocket).RunWebSocketAsync(socket);
        }

        var switching = RawHttpResponses.SwitchingProtocols(request.Key, corsOrigin);

        if (!_sessions.TryGetValue(parsed.Sid!, out var existing))
        {
            await RawHttpResponses.WriteErrorAsync(output, EngineError.UnknownSid, corsOrigin);
            return null;
        }
        existing.Tick(Time.GetTimestamp());
        var probing = existing.CanProbe();
        try
        {
            await socket.WriteRawAsync(switching, flush: true);
        }
        catch (WebSocketException)
        {
            return null;
        }
        return await StartUpgradeAsync(existing, socket, probing);
    }

    private async ValueTask<bool> AllowAsync(WebSocketUpgradeRequest request, ConnectionContext connection, bool secure, IServiceProvider? services)
    {
        if (Options.AllowRequest is not { } allow)
        {
            return true;
        }
        if (services?.GetService<IServiceScopeFactory>() is not { } scopes)
        {
            return await allow(RawHttpContext.Create(request, connection, secure, services));
        }
        await using var scope = scopes.CreateAsyncScope();
        return await allow(RawHttpContext.Create(request, connection, secure, scope.ServiceProvider));
    }
}
