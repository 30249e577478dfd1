using Microsoft.Extensions.Options;
using Toki.EngineIO;
using Toki.Server.Hosting;
using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>
/// CORS for the HTTP API with the same allow-list as the Socket.IO endpoint (which applies it itself): an
/// allowed origin gets the CORS headers (credentials allowed) and its preflight answered; a refused origin
/// gets 403 without CORS headers. Same-origin requests (Origin = this server) are not checked.
/// </summary>
internal sealed class CorsAllowListMiddleware(RequestDelegate next, IOptions<ServerOptions> options)
{
    private readonly OriginAllowList _origins = new(options.Value.AllowedOrigins);
    private readonly string _socketPath = "/" + options.Value.SocketIOPath.Trim('/');

    public async Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || OriginAllowList.IsSameOrigin(origin, context.Request)
            || context.Request.Path.StartsWithSegments(_socketPath) || !IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (!_origins.IsAllowed(origin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new HttpPayloads.ErrorBody(new WireError("forbidden_origin", "This origin is not allowed.")), WireJson.Context.ErrorBody);
            return;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowCredentials = "true";
        headers.Vary = "Origin";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = "GET, POST, PUT, OPTIONS";
            var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
            headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "Authorization, Content-Type";
            headers.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await next(context);
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
