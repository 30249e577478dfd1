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
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _headTimeout;

    /// <param name="idleTimeout">How long a new connection may stay silent (Kestrel's KeepAliveTimeout).</param>
    /// <param name="headTimeout">How long a request head may take from its first byte (Kestrel's RequestHeadersTimeout).</param>
    public EngineIOConnectionMiddleware(ConnectionDelegate next, EngineIOConnectionRoutes routes, IServiceProvider? services, TimeProvider time,
        TimeSpan idleTimeout, TimeSpan headTimeout)
    {
        _next = next;
        _routes = routes;
        _services = services;
        _time = time;
        _idleTimeout = idleTimeout;
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
        HeadOutcome outcome;
        WebSocketUpgradeRequest? request;
        try
        {
            (outcome, request) = await ReadHeadAsync(connection.Transport.Input, routes);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // Reset or aborted before it said anything useful.
            return null;
        }
        switch (outcome)
        {
            case HeadOutcome.Idle:
                // Silent for the keep-alive timeout: closed without a word, as Kestrel closes an idle connection.
                return null;
            case HeadOutcome.TimedOut:
                await RawHttpResponses.WriteRequestTimeoutAsync(connection.Transport.Output);
                return null;
            case HeadOutcome.Http:
                return _next(connection);
        }
        var secure = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        return await request!.Route.Server.AcceptConnectionAsync(connection, request, secure, _services);
    }

    /// <summary>
    /// Peeks at the connection until its first request head is recognized (consumed) or not (left in place for the
    /// HTTP layer). The head gets one deadline from its first byte: past it the request is answered 408 here, rather
    /// than handed to Kestrel, whose own header timeout would start over.
    /// </summary>
    private async Task<(HeadOutcome, WebSocketUpgradeRequest?)> ReadHeadAsync(PipeReader input, EngineIOConnectionRoute[] routes)
    {
        ReadResult result;
        using (var idle = new CancellationTokenSource(_idleTimeout, _time))
        {
            try
            {
                result = await input.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested)
            {
                return (HeadOutcome.Idle, null);
            }
        }
        using var deadline = new CancellationTokenSource(_headTimeout, _time);
        while (true)
        {
            var buffer = result.Buffer;
            var status = WebSocketUpgradeRequestReader.TryRead(buffer, routes, out var request, out var end);
            if (status == UpgradeHeadStatus.Ours)
            {
                input.AdvanceTo(end);
                return (HeadOutcome.Ours, request);
            }
            if (status == UpgradeHeadStatus.NotOurs || result.IsCompleted || result.IsCanceled)
            {
                // Nothing consumed and nothing examined: the next reader sees these bytes as if for the first time.
                input.AdvanceTo(buffer.Start);
                return (HeadOutcome.Http, null);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            try
            {
                result = await input.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return (HeadOutcome.TimedOut, null);
            }
        }
    }

    private enum HeadOutcome
    {
        /// <summary>A WebSocket upgrade for a mapped Engine.IO path, served here.</summary>
        Ours,

        /// <summary>Anything else: the HTTP layer takes the connection.</summary>
        Http,

        /// <summary>No byte within the idle timeout.</summary>
        Idle,

        /// <summary>An unfinished head at its deadline.</summary>
        TimedOut,
    }
}
