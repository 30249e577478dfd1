using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Toki.EngineIO.Connections;

/// <summary>
/// A Kestrel connection middleware that serves Engine.IO WebSocket connections below the HTTP layer. It reads the
/// first request head of each connection without consuming it: a WebSocket upgrade for a routed Engine.IO path is
/// answered and served right here, over the connection's pipes, so none of the HTTP/1.1 connection, request and
/// feature objects stay alive for the hours a WebSocket lasts. Everything else goes to the next middleware (the
/// HTTP layer) with its bytes untouched.
/// </summary>
internal sealed class EngineIOConnectionMiddleware
{
    private readonly ConnectionDelegate _next;
    private readonly EngineIOConnectionRoutes _routes;
    private readonly IServiceProvider? _services;
    private readonly TimeProvider _time;
    private readonly TimeSpan _headTimeout;

    public EngineIOConnectionMiddleware(ConnectionDelegate next, EngineIOConnectionRoutes routes, IServiceProvider? services, TimeProvider time,
        TimeSpan headTimeout)
    {
        _next = next;
        _routes = routes;
        _services = services;
        _time = time;
        _headTimeout = headTimeout;
    }

    public Task OnConnectionAsync(ConnectionContext connection)
    {
        var routes = _routes.Current;
        return routes.Length == 0 ? _next(connection) : ServeAsync(connection, routes);
    }

    // While a WebSocket is idle, this frame (a few references) and the session's read loop are all that is pending:
    // the head, the request and the checks belong to StartAsync, which is over by then.
    private async Task ServeAsync(ConnectionContext connection, EngineIOConnectionRoute[] routes)
    {
        if (await StartAsync(connection, routes) is { } running)
        {
            await running;
        }
    }

    /// <summary>Reads the first request head; returns what then runs on the connection (the HTTP layer, or an Engine.IO session), if anything.</summary>
    private async Task<Task?> StartAsync(ConnectionContext connection, EngineIOConnectionRoute[] routes)
    {
        WebSocketUpgradeRequest? request;
        try
        {
            request = await ReadHeadAsync(connection.Transport.Input, routes);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // Reset or aborted before it said anything useful.
            return null;
        }
        if (request is null)
        {
            return _next(connection);
        }
        var secure = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        return await request.Route.Server.AcceptConnectionAsync(connection, request, secure, _services);
    }

    /// <summary>
    /// Peeks at the connection until its first request head is recognized (consumed) or not (left in place). Past the
    /// timeout the connection is handed to the HTTP layer, which applies its own limits to whatever it has sent.
    /// </summary>
    private async Task<WebSocketUpgradeRequest?> ReadHeadAsync(PipeReader input, EngineIOConnectionRoute[] routes)
    {
        using var timeout = new CancellationTokenSource(_headTimeout, _time);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return null;
            }
            var buffer = result.Buffer;
            var status = WebSocketUpgradeRequestReader.TryRead(buffer, routes, out var request, out var end);
            if (status == UpgradeHeadStatus.Ours)
            {
                input.AdvanceTo(end);
                return request;
            }
            if (status == UpgradeHeadStatus.NotOurs || result.IsCompleted || result.IsCanceled)
            {
                // Nothing consumed and nothing examined: the next reader sees these bytes as if for the first time.
                input.AdvanceTo(buffer.Start);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
