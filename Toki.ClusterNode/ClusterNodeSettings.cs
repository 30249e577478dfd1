using System.Globalization;
using Toki.SocketIO.Redis;

namespace Toki.ClusterNode;

/// <summary>What the environment tells a probe node: PORT, REDIS_URL, MODE, NODE_NAME, RECOVERY_MS.</summary>
internal sealed record ClusterNodeSettings(int Port, string Redis, RedisClusterMode Mode, string Name, TimeSpan Recovery)
{
    public static ClusterNodeSettings FromEnvironment()
    {
        var port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? throw new InvalidOperationException("PORT is not set"), CultureInfo.InvariantCulture);
        var redis = Environment.GetEnvironmentVariable("REDIS_URL") ?? "127.0.0.1:6379";
        if (redis.StartsWith("redis://", StringComparison.Ordinal))
        {
            redis = redis["redis://".Length..].TrimEnd('/');
        }
        var mode = Environment.GetEnvironmentVariable("MODE") == "classic" ? RedisClusterMode.Classic : RedisClusterMode.Streams;
        var recovery = TimeSpan.FromMilliseconds(double.Parse(Environment.GetEnvironmentVariable("RECOVERY_MS") ?? "120000", CultureInfo.InvariantCulture));
        return new ClusterNodeSettings(port, redis, mode, Environment.GetEnvironmentVariable("NODE_NAME") ?? "toki", recovery);
    }
}
