using Microsoft.Extensions.Options;
using Toki.SocketIO;
using Toki.SocketIO.Redis;

namespace Toki.Server.Hosting;

internal static partial class ClusterServiceCollectionExtensions
{
    /// <summary>The Redis cluster when <c>Cluster:Redis</c> is set (its <see cref="TokiCluster.Redis"/> is null otherwise).</summary>
    public static IServiceCollection AddTokiCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ClusterOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.Redis))
            {
                return new TokiCluster(null);
            }
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var mode = ParseMode(options.Mode) ?? RedisClusterMode.Streams;
            Log.Joining(loggers.CreateLogger("Toki.Server.Hosting.Cluster"), mode.ToString().ToLowerInvariant());
            // Connecting does not fail when Redis is down: the server then serves its own clients until Redis answers.
            var cluster = RedisCluster.ConnectAsync(new RedisClusterOptions { Configuration = options.Redis, Mode = mode }, loggers,
                provider.GetRequiredService<TimeProvider>()).GetAwaiter().GetResult();
            return new TokiCluster(cluster);
        });
        return services;
    }

    public static RedisClusterMode? ParseMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "streams" or "" or null => RedisClusterMode.Streams,
        "classic" => RedisClusterMode.Classic,
        _ => null,
    };

    /// <summary>The adapter factory of the Socket.IO server: the cluster's, or null for the in-memory adapter.</summary>
    public static Func<SocketIONamespace, SocketIOAdapter>? AdapterFactory(this TokiCluster cluster) =>
        cluster.Redis is { } redis ? redis.CreateAdapter : null;

    private static partial class Log
    {
        [LoggerMessage(520, LogLevel.Information, "Joining the Redis cluster in {Mode} mode (Cluster:Redis is set).", EventName = "ClusterJoining")]
        public static partial void Joining(ILogger logger, string mode);
    }
}
