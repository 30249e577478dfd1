using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Toki.EngineIO;
using Toki.Server.Hosting.Memory;
using Toki.Server.Hosting.Transport;
using Toki.Server.Http;
using Toki.Server.Identity;
using Toki.Server.Observability;
using Toki.SocketIO;

namespace Toki.Server.Hosting;

/// <summary>Builds the whole server; <c>Program</c> runs it and the end-to-end tests start it on 127.0.0.1:0.</summary>
public static class TokiApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        LoggingSetup.UseNLog(builder);
        var webSocketConnections = new EngineIOConnectionRoutes();
        builder.WebHost.UseEngineIOConnections(webSocketConnections);
        configure?.Invoke(builder);
        builder.Services.AddTokiStore(builder.Configuration);
        builder.Services.AddTokiCallServer(builder.Configuration);
        builder.Services.AddOptions<AdminOptions>().Bind(builder.Configuration.GetSection(AdminOptions.SectionName));
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.SectionName));
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddOptions<AdminUIOptions>().Bind(builder.Configuration.GetSection(AdminUIOptions.SectionName));
        builder.Services.AddHostedService<AdminUIHost>();
        if (builder.Configuration.GetValue($"{ServerOptions.SectionName}:{nameof(ServerOptions.TrimIdleMemory)}", true))
        {
            // Replaces Kestrel's pinned-block pools (registered with TryAdd) for its socket transport and HTTP layer.
            builder.Services.AddSingleton<TrimmingMemoryPoolFactory>();
            builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(provider => provider.GetRequiredService<TrimmingMemoryPoolFactory>());
            builder.Services.AddHostedService<IdleMemoryTrimmer>();
        }
        if (builder.Configuration.GetValue($"{ServerOptions.SectionName}:{nameof(ServerOptions.Transport)}", ServerTransport.Toki) == ServerTransport.Toki)
        {
            builder.Services.AddTokiSocketTransport();
        }

        var app = builder.Build();
        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        app.UseMiddleware<CorsAllowListMiddleware>();
        app.MapHealthEndpoints();
        app.MapApiEndpoints();
        app.MapAdminEndpoints(app.Services.GetRequiredService<IOptions<AdminOptions>>().Value);
        app.MapDevEndpoints(app.Environment, app.Configuration);
        var metrics = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (metrics.Enabled)
        {
            // Listening starts before the first socket, so nothing is missed.
            app.Services.GetRequiredService<PrometheusExporter>();
        }
        app.MapMetricsEndpoint(metrics);
        var io = app.Services.GetRequiredService<SocketIOServer>();
        app.MapSocketIO(io, server.SocketIOPath);
        if (server.DirectWebSockets)
        {
            webSocketConnections.Add(server.SocketIOPath, io.Engine);
        }
        ServeWebRoot(app, server.WebRoot);
        return app;
    }

    /// <summary>Serves the built sample frontend when it exists, so a newcomer sees it right after starting the server.</summary>
    private static void ServeWebRoot(WebApplication app, string? webRoot)
    {
        if (string.IsNullOrEmpty(webRoot))
        {
            return;
        }
        var path = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, webRoot));
        if (!Directory.Exists(path))
        {
            return;
        }
        var files = new PhysicalFileProvider(path);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }
}
