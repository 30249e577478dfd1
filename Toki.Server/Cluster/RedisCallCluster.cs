using System.Security.Cryptography;
using System.Text.Json;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Gateway;
using Toki.SocketIO;

namespace Toki.Server.Cluster;

/// <summary>
/// The call service's view of the other servers, over the Socket.IO cluster: hints go out as server-side events on
/// the main namespace (other members ignore events they have no handler for, as Node does), presence is asked with
/// fetchSockets on the user's room, and <see cref="ServerLease"/> finds the servers that died. Hints are best effort:
/// the store decides every transition, so a lost hint only leaves a view stale until the next one (docs/cluster.md).
/// </summary>
internal sealed partial class RedisCallCluster(SocketIONamespace main, ILogger<RedisCallCluster> logger) : ICallCluster, IAsyncDisposable
{
    public const string CallChangedEvent = "toki:call-changed";
    public const string CallSocketEvent = "toki:call-socket";
    public const string UserConnectedEvent = "toki:user-connected";

    private ServerLease? _lease;

    /// <summary>This process's id in the leases (random per start, so a restarted server never takes over a dead one's lease).</summary>
    public string ServerId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public ServerLease? Lease => _lease;

    /// <summary>Receives the other servers' hints for <paramref name="calls"/> and starts the lease.</summary>
    public void Attach(CallService calls, Func<RedisCallCluster, CallService, ServerLease> lease)
    {
        main.OnServerSideEmit(CallChangedEvent, e =>
        {
            if (String(e, 0) is { } callId && e.Args.Count > 1 && e.Args[1].ValueKind == JsonValueKind.Number && e.Args[1].TryGetInt64(out var version))
            {
                _ = RunAsync(CallChangedEvent, () => calls.OnCallChangedElsewhereAsync(callId, version, CancellationToken.None));
            }
            return ValueTask.CompletedTask;
        });
        main.OnServerSideEmit(CallSocketEvent, e =>
        {
            if (String(e, 0) is { } callId && String(e, 1) is { } userId)
            {
                calls.OnCallSocketChangedElsewhere(callId, userId, String(e, 2));
            }
            return ValueTask.CompletedTask;
        });
        main.OnServerSideEmit(UserConnectedEvent, e =>
        {
            if (String(e, 0) is { } userId)
            {
                calls.OnUserConnectedElsewhere(userId);
            }
            return ValueTask.CompletedTask;
        });
        _lease = lease(this, calls);
    }

    public async Task<bool> IsConnectedElsewhereAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var sockets = await main.In(SocketIOCallNotifier.UserRoom(userId)).FetchSocketsAsync(cancellationToken);
            return sockets.Count > 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not knowing counts as away: the call pauses and the user can rejoin, rather than running (and billing) on a guess.
            Log.PresenceUnknown(logger, userId, exception);
            return false;
        }
    }

    public void UserConnected(string userId)
    {
        _lease?.UserConnected(userId);
        Publish(UserConnectedEvent, userId);
    }

    public void UserDisconnected(string userId) => _lease?.UserDisconnected(userId);

    public void CallChanged(string callId, long version) => Publish(CallChangedEvent, callId, version);

    public void CallSocketChanged(string callId, string userId, string? socketId) => Publish(CallSocketEvent, callId, userId, socketId);

    public ValueTask DisposeAsync() => _lease?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void Publish(string eventName, params object?[] args) => _ = PublishAsync(eventName, args);

    private async Task PublishAsync(string eventName, object?[] args)
    {
        try
        {
            await main.ServerSideEmitAsync(eventName, args);
        }
        catch (Exception exception)
        {
            Log.HintLost(logger, eventName, exception);
        }
    }

    private async Task RunAsync(string eventName, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception)
        {
            Log.HintFailed(logger, eventName, exception);
        }
    }

    private static string? String(SocketIOServerEvent e, int index) =>
        e.Args.Count > index && e.Args[index].ValueKind == JsonValueKind.String ? e.Args[index].GetString() : null;

    private static partial class Log
    {
        [LoggerMessage(532, LogLevel.Warning, "Could not ask the cluster whether user {UserId} is connected; counted as not connected.", EventName = "PresenceUnknown")]
        public static partial void PresenceUnknown(ILogger logger, string userId, Exception exception);

        [LoggerMessage(533, LogLevel.Warning, "A {Event} hint to the other servers was lost.", EventName = "ClusterHintLost")]
        public static partial void HintLost(ILogger logger, string @event, Exception exception);

        [LoggerMessage(534, LogLevel.Warning, "A {Event} hint from another server could not be applied.", EventName = "ClusterHintFailed")]
        public static partial void HintFailed(ILogger logger, string @event, Exception exception);
    }
}
