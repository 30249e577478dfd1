using StackExchange.Redis;

namespace Toki.Server.Cluster;

/// <summary>
/// This server's lease in Redis, and the search for the leases of servers that died. Each server keeps its expiry
/// (from <see cref="TimeProvider"/>, in milliseconds) as its score in the sorted set <c>toki:calls:servers</c> and the
/// users it has sockets of in the set <c>toki:calls:server:&lt;id&gt;:users</c>. Every refresh it renews its own score
/// and hands the users of each expired lease to <c>onLost</c>; the expired lease is removed only after that, and only if
/// it was not renewed meanwhile, so a server that dies while handling it leaves it for the others. Several servers may
/// hand on the same lease: what they do with it must be idempotent (the call store's compare-and-set makes it so).
/// </summary>
internal sealed partial class ServerLease : IAsyncDisposable
{
    public const string ServersKey = "toki:calls:servers";

    private readonly IDatabase _redis;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly Func<IReadOnlyList<string>> _localUsers;
    private readonly Func<string, IReadOnlyCollection<string>, DateTimeOffset, Task> _onLost;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _running;

    public ServerLease(IDatabase redis, string serverId, TimeSpan ttl, TimeSpan refresh, TimeProvider time, Func<IReadOnlyList<string>> localUsers,
        Func<string, IReadOnlyCollection<string>, DateTimeOffset, Task> onLost, ILogger logger)
    {
        _redis = redis;
        ServerId = serverId;
        _ttl = ttl;
        _time = time;
        _localUsers = localUsers;
        _onLost = onLost;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((ServerLease)state!).Tick(), this, TimeSpan.Zero, refresh);
    }

    public string ServerId { get; }

    /// <summary>Completes with the running refresh, if any (tests wait for it after moving a fake clock).</summary>
    public Task Current { get; private set; } = Task.CompletedTask;

    public static RedisKey UsersKey(string serverId) => $"toki:calls:server:{serverId}:users";

    public void UserConnected(string userId) => _redis.SetAdd(UsersKey(ServerId), userId, CommandFlags.FireAndForget);

    public void UserDisconnected(string userId) => _redis.SetRemove(UsersKey(ServerId), userId, CommandFlags.FireAndForget);

    /// <summary>Renews this lease and handles every expired one (what the timer does; public for tests).</summary>
    public async Task RefreshAsync()
    {
        var now = _time.GetUtcNow();
        var added = await _redis.SortedSetAddAsync(ServersKey, ServerId, (now + _ttl).ToUnixTimeMilliseconds());
        if (added)
        {
            // A first refresh, or Redis lost the lease (restarted empty, or the others took this server for dead): say again whose sockets are here.
            var users = _localUsers();
            if (users.Count > 0)
            {
                await _redis.SetAddAsync(UsersKey(ServerId), [.. users.Select(u => (RedisValue)u)]);
            }
            Log.LeaseTaken(_logger, ServerId, users.Count);
        }
        var expired = await _redis.SortedSetRangeByScoreWithScoresAsync(ServersKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        foreach (var lease in expired)
        {
            var serverId = lease.Element.ToString();
            if (serverId == ServerId)
            {
                continue;
            }
            var users = (await _redis.SetMembersAsync(UsersKey(serverId))).Select(u => u.ToString()).ToArray();
            await _onLost(serverId, users, DateTimeOffset.FromUnixTimeMilliseconds((long)lease.Score));
            var remove = _redis.CreateTransaction();
            remove.AddCondition(Condition.SortedSetEqual(ServersKey, lease.Element, lease.Score));
            _ = remove.SortedSetRemoveAsync(ServersKey, lease.Element);
            _ = remove.KeyDeleteAsync(UsersKey(serverId));
            await remove.ExecuteAsync();
        }
    }

    /// <summary>A clean shutdown gives the lease up (its users disconnected through their handlers already).</summary>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        try
        {
            await Current;
            await _redis.SortedSetRemoveAsync(ServersKey, ServerId);
            await _redis.KeyDeleteAsync(UsersKey(ServerId));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.RefreshFailed(_logger, ServerId, exception);
        }
    }

    private void Tick()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }
        Current = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception exception)
        {
            Log.RefreshFailed(_logger, ServerId, exception);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(530, LogLevel.Information, "Server {ServerId} took its lease ({Users} users with sockets here).", EventName = "LeaseTaken")]
        public static partial void LeaseTaken(ILogger logger, string serverId, int users);

        [LoggerMessage(531, LogLevel.Warning, "Server {ServerId} could not refresh its lease or look for expired ones.", EventName = "LeaseRefreshFailed")]
        public static partial void RefreshFailed(ILogger logger, string serverId, Exception exception);
    }
}
