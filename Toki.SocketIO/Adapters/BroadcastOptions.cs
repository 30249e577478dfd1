namespace Toki.SocketIO;

/// <summary>
/// Which sockets of a namespace an operation reaches: members of any of <see cref="Rooms"/> (every socket when
/// empty) that are in none of <see cref="ExceptRooms"/>, and how. A plain value, so a multi-node adapter can ship it.
/// </summary>
public sealed record BroadcastOptions(IReadOnlyList<string> Rooms, IReadOnlyList<string> ExceptRooms)
{
    public static BroadcastOptions All { get; } = new([], []);

    /// <summary>Only this server's sockets, even with a multi-node adapter.</summary>
    public bool Local { get; init; }

    /// <summary>
    /// The packet may be dropped for a socket that cannot take it now, and is not recorded for recovery
    /// (the Node server's <c>volatile</c> flag; Toki's own emits never set it, other members' may).
    /// </summary>
    public bool Volatile { get; init; }

    /// <summary>How long a cluster-wide request (fetching sockets, collecting acknowledgements) may wait for answers.</summary>
    public TimeSpan? Timeout { get; init; }
}
