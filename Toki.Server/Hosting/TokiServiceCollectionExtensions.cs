using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.EngineIO;
using Toki.Server.Audit;
using Toki.Server.Cluster;
using Toki.Server.Gateway;
using Toki.Server.Identity;
using Toki.Server.Media;
using Toki.SocketIO;

namespace Toki.Server.Hosting;

internal static class TokiServiceCollectionExtensions
{
    /// <summary>Everything but the store: options, identity, media, Socket.IO, the call service and its gateway.</summary>
    public static IServiceCollection AddTokiCallServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddOptions<CallSettings>().Bind(configuration.GetSection("Calls")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallSettings>, CallSettingsValidator>();
        services.AddJwtValidation(configuration);
        services.AddMediaCredentials(configuration);

        services.AddTokiCluster(configuration);
        services.AddSingleton(provider => new SocketIOServer(
            CreateSocketIOOptions(provider.GetRequiredService<IOptions<ServerOptions>>().Value, provider.GetRequiredService<TokiCluster>(),
                provider.GetService<IMeterFactory>()),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(provider => new SocketIOCallNotifier(provider.GetRequiredService<SocketIOServer>().Sockets));
        services.AddSingleton<ICallNotifier>(provider => provider.GetRequiredService<SocketIOCallNotifier>());
        services.AddSingleton(provider => new CallClusterMembership(provider.GetRequiredService<TokiCluster>().Redis is null
            ? null
            : new RedisCallCluster(provider.GetRequiredService<SocketIOServer>().Sockets, provider.GetRequiredService<ILogger<RedisCallCluster>>())));
        services.AddSingleton(provider => new CallService(
            provider.GetRequiredService<ICallStore>(),
            provider.GetRequiredService<IMediaCredentialsProvider>(),
            provider.GetRequiredService<ICallNotifier>(),
            provider.GetRequiredService<IOptions<CallSettings>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<CallService>>(),
            observer: provider.GetRequiredService<ICallObserver>(),
            meters: provider.GetService<IMeterFactory>(),
            cluster: provider.GetRequiredService<CallClusterMembership>().Cluster));
        services.AddSingleton<ICallObserver, CallAuditLog>();
        services.AddSingleton<SocketAuthenticator>();
        services.AddSingleton<CallGateway>();
        services.AddHostedService<CallServiceHost>();
        return services;
    }

    private static SocketIOServerOptions CreateSocketIOOptions(ServerOptions server, TokiCluster cluster, IMeterFactory? meters) => new()
    {
        MeterFactory = meters,
        Engine = new EngineIOOptions
        {
            MeterFactory = meters,
            PingInterval = server.PingInterval,
            PingTimeout = server.PingTimeout,
            MaxPayload = server.MaxPayload,
            AllowedOrigins = server.AllowedOrigins.Length == 0 ? null : server.AllowedOrigins,
            Cookie = string.IsNullOrWhiteSpace(server.Cookie) ? null : new EngineIOCookieOptions { Name = server.Cookie.Trim() },
        },
        AdapterFactory = cluster.AdapterFactory(),
        ConnectionStateRecovery = server.ConnectionStateRecovery
            // Middlewares run on recovery: the session is the user's only for as long as the user can prove it.
            ? new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = server.MaxDisconnectionDuration, SkipMiddlewares = false }
            : null,
    };
}
