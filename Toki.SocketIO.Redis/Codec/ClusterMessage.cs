namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// One message between the servers of a cluster, independent of how a binding writes it. Which fields matter
/// depends on <see cref="Type"/>; values are <see cref="SocketIOData"/> (JSON with binary placeholders).
/// </summary>
internal sealed record ClusterMessage
{
    public required ClusterMessageType Type { get; init; }

    /// <summary>The sending server's id for the namespace ("emitter" from @socket.io/redis-emitter).</summary>
    public string Uid { get; init; } = "";

    public string Namespace { get; init; } = "/";

    public string? RequestId { get; init; }

    /// <summary>Which sockets (broadcasts, joins, leaves, disconnects, fetches; classic SOCKETS uses only its rooms).</summary>
    public BroadcastOptions Options { get; init; } = BroadcastOptions.All;

    /// <summary>Rooms to join or leave; the rooms of an ALL_ROOMS answer; the socket ids of a SOCKETS answer.</summary>
    public IReadOnlyList<string> Rooms { get; init; } = [];

    public bool Close { get; init; }

    /// <summary>An event's data, <c>["name", args...]</c>: what a broadcast delivers, what a server-side emit carries.</summary>
    public SocketIOData? Packet { get; init; }

    /// <summary>An answer's value: a server-side emit's or a client's acknowledgement, or the array of fetched sockets.</summary>
    public SocketIOData? Value { get; init; }

    public int ClientCount { get; init; }

    /// <summary>The socket of a classic single-socket request.</summary>
    public string? Sid { get; init; }

    /// <summary>The room of a classic single-socket join or leave.</summary>
    public string? Room { get; init; }
}
