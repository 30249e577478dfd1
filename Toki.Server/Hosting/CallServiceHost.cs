using Microsoft.Extensions.Options;
using Toki.Calls.Service;
using Toki.Server.Cluster;
using Toki.EngineIO;
using Toki.Server.Gateway;
using Toki.SocketIO;

namespace Toki.Server.Hosting;

/// <summary>
/// Starts the call service (re-arming live calls from the store) and opens the gateway; on shutdown closes
/// every connection with "server shutting down" so clients reconnect elsewhere or later.
/// </summary>
internal sealed partial class CallServiceHost(CallService calls, CallGateway gateway, SocketIOServer io, CallClusterMembership membership,
    TokiCluster cluster, IOptions<ClusterOptions> clusterOptions, TimeProvider time, ILogger<CallServiceHost> logger, ILogger<ServerLease> leaseLogger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        gateway.Register(io.Sockets);
        await calls.StartAsync(cancellationToken);
        if (membership.Cluster is { } callCluster && cluster.Redis is { } redis)
        {
            var options = clusterOptions.Value;
            callCluster.Attach(calls, (self, service) => new ServerLease(redis.GetDatabase(), self.ServerId, options.LeaseTtl, options.LeaseRefresh, time,
                () => service.LocalUserIds,
                (serverId, users, expiredAt) =>
                {
                    service.OnServerLost(serverId, users, expiredAt);
                    return Task.CompletedTask;
                }, leaseLogger));
        }
        Log.Ready(logger, calls.MediaProvider);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        io.Engine.CloseAll(EngineCloseReason.ServerShuttingDown);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(501, LogLevel.Information, "Toki call service ready (media: {MediaProvider}).", EventName = "Ready")]
        public static partial void Ready(ILogger logger, string mediaProvider);
    }
}
