namespace Toki.SocketIO.Redis;

/// <summary>Which official Node adapter the cluster speaks with.</summary>
public enum RedisClusterMode
{
    /// <summary>@socket.io/redis-streams-adapter 0.3: broadcasts in a Redis stream, connection state recovery across servers.</summary>
    Streams,

    /// <summary>@socket.io/redis-adapter 8.3 (pub/sub): no recovery across servers; what is published while Redis is away is lost.</summary>
    Classic,
}
