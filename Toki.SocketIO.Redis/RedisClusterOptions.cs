namespace Toki.SocketIO.Redis;

/// <summary>How a server joins a Redis-backed cluster. The defaults are those of the Node adapters, so that both meet.</summary>
public sealed class RedisClusterOptions
{
    /// <summary>The StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or <c>redis:6379,password=...</c>.</summary>
    public string Configuration { get; set; } = "";

    public RedisClusterMode Mode { get; set; } = RedisClusterMode.Streams;

    /// <summary>The pub/sub channel prefix: the classic adapter's <c>key</c>, the streams adapter's <c>channelPrefix</c>.</summary>
    public string ChannelPrefix { get; set; } = "socket.io";

    /// <summary>The stream the streams adapter writes (its <c>streamName</c>; one stream, <c>streamCount</c> 1).</summary>
    public string StreamName { get; set; } = "socket.io";

    /// <summary>The stream is trimmed to about this many entries (<c>maxLen</c>); recovery reaches no further back.</summary>
    public int StreamMaxLength { get; set; } = 10_000;

    /// <summary>Entries read per XREAD (<c>readCount</c>).</summary>
    public int StreamReadCount { get; set; } = 100;

    /// <summary>How long one XREAD blocks waiting for entries (<c>blockTimeInMs</c>).</summary>
    public TimeSpan StreamBlockTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where sessions are kept for recovery on other servers (<c>sessionKeyPrefix</c>).</summary>
    public string SessionKeyPrefix { get; set; } = "sio:session:";

    /// <summary>How long fetchSockets and serverSideEmit wait for the other servers by default (<c>requestsTimeout</c>).</summary>
    public TimeSpan RequestsTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
