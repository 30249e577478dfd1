namespace Toki.SocketIO;

/// <summary>
/// Which sockets of a namespace a broadcast reaches: members of any of <see cref="Rooms"/> (every socket when
/// empty) that are in none of <see cref="ExceptRooms"/>. A plain value, so a multi-node adapter can ship it.
/// </summary>
public sealed record BroadcastOptions(IReadOnlyList<string> Rooms, IReadOnlyList<string> ExceptRooms)
{
    public static BroadcastOptions All { get; } = new([], []);

    /// <summary>Only this server's sockets, even with a multi-node adapter.</summary>
    public bool Local { get; init; }
}
