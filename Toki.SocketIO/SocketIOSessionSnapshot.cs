namespace Toki.SocketIO;

/// <summary>What restores a socket on another server: its ids, rooms (its own included) and data as JSON.</summary>
public sealed record SocketIOSessionSnapshot(string Sid, string Pid, IReadOnlyList<string> Rooms, ReadOnlyMemory<byte> Data)
{
    /// <summary>Whether the socket is connected (its session is refreshed) or suspended (the session's last save).</summary>
    public bool Connected { get; init; }
}
