using System.Globalization;
using StackExchange.Redis;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis.Transport;

/// <summary>
/// Reads the cluster stream with <c>XREAD BLOCK</c> on a connection of its own (a blocking command would stall the
/// shared one), from the entry that was last when the server started, and hands each entry to its namespace's
/// adapter in stream order with its id. After a failure (Redis restarting, say) it retries from the last id it read.
/// </summary>
internal sealed class StreamReader(RedisCluster cluster) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private ConnectionMultiplexer? _connection;
    private Task? _loop;
    private string? _lastId;

    public async Task StartAsync()
    {
        var options = RedisCluster.Configure(cluster.Options.Configuration, "toki-stream-reader");
        // A blocked XREAD holds the connection for the block time; commands queued behind it must not time out first.
        var blockMilliseconds = (int)cluster.Options.StreamBlockTime.TotalMilliseconds;
        options.AsyncTimeout = Math.Max(options.AsyncTimeout, blockMilliseconds + 10_000);
        options.SyncTimeout = Math.Max(options.SyncTimeout, blockMilliseconds + 10_000);
        _connection = await ConnectionMultiplexer.ConnectAsync(options);
        _loop = Task.Run(ReadLoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_connection is not null)
        {
            await _connection.CloseAsync(allowCommandsToComplete: false);
            _connection.Dispose();
        }
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var options = cluster.Options;
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var database = _connection!.GetDatabase();
                _lastId ??= await LastIdAsync(database);
                var result = await database.ExecuteAsync("XREAD", "BLOCK", (long)options.StreamBlockTime.TotalMilliseconds, "COUNT",
                    options.StreamReadCount, "STREAMS", options.StreamName, _lastId);
                foreach (var (id, fields) in Entries(result))
                {
                    Dispatch(id, fields);
                    _lastId = id;
                }
                delay = TimeSpan.FromMilliseconds(100);
            }
            catch (Exception exception) when (!_stop.IsCancellationRequested)
            {
                RedisCluster.Log.StreamReadFailed(cluster.Logger, options.StreamName, exception);
                try
                {
                    await Task.Delay(delay, cluster.Time, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The id of the stream's newest entry (so history is not replayed), or 0-0 for an empty stream.</summary>
    private async Task<string> LastIdAsync(IDatabase database)
    {
        var last = await database.StreamRangeAsync(cluster.Options.StreamName, "-", "+", count: 1, messageOrder: Order.Descending);
        return last.Length == 0 ? "0-0" : last[0].Id.ToString();
    }

    private void Dispatch(string id, Dictionary<string, string> fields)
    {
        // Every member reads every entry, its own included: those are dropped before any decoding.
        if (!fields.TryGetValue("nsp", out var @namespace) || cluster.FindAdapter(@namespace) is not { } adapter
            || fields.GetValueOrDefault("uid") == adapter.Uid)
        {
            return;
        }
        ClusterMessage message;
        try
        {
            message = StreamsCodec.DecodeEntry(new StreamsCodec.Entry(fields.GetValueOrDefault("uid", ""), @namespace,
                fields.GetValueOrDefault("type", ""), fields.GetValueOrDefault("data")));
        }
        catch (ClusterFormatException exception)
        {
            RedisCluster.Log.Malformed(cluster.Logger, $"{cluster.Options.StreamName} {id}", exception.Message);
            return;
        }
        adapter.OnMessage(message, id);
    }

    /// <summary>The entries of an XREAD answer, whether RESP2 (<c>[[key, entries]]</c>) or RESP3 (<c>{key: entries}</c>).</summary>
    internal static IEnumerable<(string Id, Dictionary<string, string> Fields)> Entries(RedisResult result)
    {
        if (result.IsNull || result.Length == 0)
        {
            yield break;
        }
        var top = (RedisResult[])result!;
        var entries = top[0].Resp2Type == ResultType.Array ? ((RedisResult[])top[0]!)[1] : top[1];
        foreach (var entry in (RedisResult[])entries!)
        {
            var parts = (RedisResult[])entry!;
            var values = (RedisResult[])parts[1]!;
            var fields = new Dictionary<string, string>(values.Length / 2, StringComparer.Ordinal);
            for (var i = 0; i + 1 < values.Length; i += 2)
            {
                fields[values[i].ToString()] = values[i + 1].ToString();
            }
            yield return (parts[0].ToString(), fields);
        }
    }

    /// <summary>The smallest id after <paramref name="id"/> (exclusive XRANGE ranges came only with Redis 6.2).</summary>
    internal static string Next(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        var sequence = long.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{id.AsSpan(0, dash)}-{sequence + 1}");
    }
}
