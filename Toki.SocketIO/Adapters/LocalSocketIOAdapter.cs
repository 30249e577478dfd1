namespace Toki.SocketIO;

/// <summary>
/// The in-memory adapter: room → members and socket → rooms under one lock. Recipients are collected under
/// the lock and served outside it, so a slow socket never holds up membership changes.
/// Suspended sockets (awaiting recovery) stay in their rooms and record what they miss.
/// </summary>
public sealed class LocalSocketIOAdapter : SocketIOAdapter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<SocketIOSocket>> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<SocketIOSocket, HashSet<string>> _socketRooms = new(ReferenceEqualityComparer.Instance);

    public LocalSocketIOAdapter(SocketIONamespace @namespace)
        : base(@namespace)
    {
    }

    public override void AddAll(SocketIOSocket socket, IReadOnlyList<string> rooms)
    {
        lock (_gate)
        {
            if (!_socketRooms.TryGetValue(socket, out var joined))
            {
                joined = new HashSet<string>(StringComparer.Ordinal);
                _socketRooms[socket] = joined;
            }
            foreach (var room in rooms)
            {
                if (joined.Add(room))
                {
                    if (!_rooms.TryGetValue(room, out var members))
                    {
                        members = new HashSet<SocketIOSocket>(ReferenceEqualityComparer.Instance);
                        _rooms[room] = members;
                    }
                    members.Add(socket);
                }
            }
        }
    }

    public override void Remove(SocketIOSocket socket, string room)
    {
        lock (_gate)
        {
            if (_socketRooms.TryGetValue(socket, out var joined) && joined.Remove(room))
            {
                LeaveRoomLocked(socket, room);
            }
        }
    }

    public override void RemoveAll(SocketIOSocket socket)
    {
        lock (_gate)
        {
            if (!_socketRooms.Remove(socket, out var joined))
            {
                return;
            }
            foreach (var room in joined)
            {
                LeaveRoomLocked(socket, room);
            }
        }
    }

    public override IReadOnlyCollection<string> GetRooms(SocketIOSocket socket)
    {
        lock (_gate)
        {
            return _socketRooms.TryGetValue(socket, out var joined) ? [.. joined] : [];
        }
    }

    public override IReadOnlyCollection<string> GetAllRooms()
    {
        lock (_gate)
        {
            return [.. _rooms.Keys];
        }
    }

    public override void Broadcast(OutboundPacket packet, BroadcastOptions options)
    {
        foreach (var socket in Select(options, connectedOnly: false))
        {
            socket.Deliver(packet);
        }
    }

    public override IReadOnlyList<SocketIOSocket> FetchSockets(BroadcastOptions options) => Select(options, connectedOnly: true);

    // Membership changes also reach suspended sockets, so that a recovered socket comes back with the rooms it should have.
    public override void AddSockets(BroadcastOptions options, IReadOnlyList<string> rooms)
    {
        foreach (var socket in Select(options, connectedOnly: false))
        {
            AddAll(socket, rooms);
        }
    }

    public override void RemoveSockets(BroadcastOptions options, IReadOnlyList<string> rooms)
    {
        foreach (var socket in Select(options, connectedOnly: false))
        {
            foreach (var room in rooms)
            {
                Remove(socket, room);
            }
        }
    }

    public override void DisconnectSockets(BroadcastOptions options, bool close)
    {
        foreach (var socket in Select(options, connectedOnly: true))
        {
            socket.Disconnect(close);
        }
    }

    private List<SocketIOSocket> Select(BroadcastOptions options, bool connectedOnly)
    {
        var selected = new List<SocketIOSocket>();
        lock (_gate)
        {
            HashSet<SocketIOSocket>? excluded = null;
            foreach (var room in options.ExceptRooms)
            {
                if (_rooms.TryGetValue(room, out var members))
                {
                    excluded ??= new HashSet<SocketIOSocket>(ReferenceEqualityComparer.Instance);
                    excluded.UnionWith(members);
                }
            }

            if (options.Rooms.Count == 0)
            {
                AddEligible(_socketRooms.Keys, excluded, connectedOnly, selected, seen: null);
            }
            else if (options.Rooms.Count == 1)
            {
                if (_rooms.TryGetValue(options.Rooms[0], out var members))
                {
                    AddEligible(members, excluded, connectedOnly, selected, seen: null);
                }
            }
            else
            {
                var seen = new HashSet<SocketIOSocket>(ReferenceEqualityComparer.Instance);
                foreach (var room in options.Rooms)
                {
                    if (_rooms.TryGetValue(room, out var members))
                    {
                        AddEligible(members, excluded, connectedOnly, selected, seen);
                    }
                }
            }
        }
        return selected;
    }

    private static void AddEligible(IEnumerable<SocketIOSocket> candidates, HashSet<SocketIOSocket>? excluded, bool connectedOnly,
        List<SocketIOSocket> selected, HashSet<SocketIOSocket>? seen)
    {
        foreach (var socket in candidates)
        {
            if ((excluded is null || !excluded.Contains(socket))
                && (!connectedOnly || socket.Connected)
                && (seen is null || seen.Add(socket)))
            {
                selected.Add(socket);
            }
        }
    }

    private void LeaveRoomLocked(SocketIOSocket socket, string room)
    {
        if (_rooms.TryGetValue(room, out var members) && members.Remove(socket) && members.Count == 0)
        {
            _rooms.Remove(room);
        }
    }
}
