using System.Text.Json;

namespace Toki.SocketIO;

/// <summary>A session taken out of a cluster's store, as some server (this one or another, Toki or Node) last saved it.</summary>
public sealed record SocketIOStoredSession(string Sid, string Pid, IReadOnlyList<string> Rooms, JsonElement Data)
{
    /// <summary>True when this server saved it last, so its own suspended socket is the current state.</summary>
    public bool SavedHere { get; init; }

    /// <summary>What the adapter that took the session needs to put it back (<see cref="SocketIOAdapter.ReturnSessionAsync"/>); opaque to others.</summary>
    public object? ReturnState { get; init; }
}
