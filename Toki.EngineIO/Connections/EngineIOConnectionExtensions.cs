using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Toki.EngineIO.Connections;

namespace Toki.EngineIO;

public static class EngineIOConnectionExtensions
{
    /// <summary>
    /// Serves the WebSocket connections of the Engine.IO servers in <paramref name="routes"/> below Kestrel's HTTP
    /// layer, on every endpoint (those from UseUrls, --urls and configuration included), which keeps an idle
    /// connection several times smaller. Such connections skip the HTTP middleware pipeline. Polling and every
    /// other request are served by the HTTP pipeline as before, and so is a WebSocket upgrade that arrives on a
    /// connection after another request, or over HTTP/2 or TLS terminated by Kestrel (this middleware runs before
    /// Kestrel's TLS). Keep mapping the servers with MapEngineIO for those. This uses
    /// <see cref="KestrelServerOptions.ConfigureEndpointDefaults"/>, which holds one action: an application that sets
    /// its own must call <see cref="UseEngineIO{TBuilder}"/> in it.
    /// </summary>
    public static IWebHostBuilder UseEngineIOConnections(this IWebHostBuilder builder, EngineIOConnectionRoutes routes) =>
        builder.ConfigureKestrel(options => options.ConfigureEndpointDefaults(listen => listen.UseEngineIO(routes)));

    /// <summary>Adds the Engine.IO connection middleware (see <see cref="UseEngineIOConnections"/>) to one endpoint.</summary>
    public static TBuilder UseEngineIO<TBuilder>(this TBuilder builder, EngineIOConnectionRoutes routes)
        where TBuilder : IConnectionBuilder
    {
        var services = builder.ApplicationServices;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var limits = services.GetService<IOptions<KestrelServerOptions>>()?.Value.Limits;
        var idleTimeout = limits?.KeepAliveTimeout ?? TimeSpan.FromSeconds(130);
        var headTimeout = limits?.RequestHeadersTimeout ?? TimeSpan.FromSeconds(30);
        builder.Use(next => new EngineIOConnectionMiddleware(next, routes, services, time, idleTimeout, headTimeout).OnConnectionAsync);
        return builder;
    }
}
