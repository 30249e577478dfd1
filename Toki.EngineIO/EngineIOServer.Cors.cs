using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Toki.EngineIO;

public sealed partial class EngineIOServer
{
    /// <summary>Whether a request from <paramref name="origin"/> may use the endpoint; <paramref name="corsOrigin"/> is the origin CORS headers must allow.</summary>
    private bool CheckOrigin(string? origin, string scheme, string? host, out string? corsOrigin)
    {
        corsOrigin = null;
        if (_origins is null || string.IsNullOrEmpty(origin) || OriginAllowList.IsSameOrigin(origin, scheme, host))
        {
            return true;
        }
        if (!_origins.IsAllowed(origin))
        {
            Log.OriginRefused(Logger, origin);
            return false;
        }
        corsOrigin = origin;
        return true;
    }

    private bool ApplyCors(HttpContext context, out bool isPreflight)
    {
        isPreflight = false;
        var origin = context.Request.Headers.Origin;
        var request = context.Request;
        if (!CheckOrigin(StringValues.IsNullOrEmpty(origin) ? null : origin.ToString(), request.Scheme,
                request.Host.HasValue ? request.Host.Value : null, out var corsOrigin))
        {
            return false;
        }
        if (corsOrigin is null)
        {
            return true;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = corsOrigin;
        headers.AccessControlAllowCredentials = "true";
        headers.Vary = "Origin";
        if (HttpMethods.IsOptions(request.Method))
        {
            isPreflight = true;
            headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            var requested = request.Headers.AccessControlRequestHeaders;
            if (!StringValues.IsNullOrEmpty(requested))
            {
                headers.AccessControlAllowHeaders = requested;
            }
            headers.AccessControlMaxAge = "86400";
        }
        return true;
    }
}
