using System.Runtime.InteropServices;

namespace Toki.SocketIO;

/// <summary>
/// The in-memory adapter: room → members and socket → rooms under one lock. Recipients are collected under
/// the lock and served outside it, so a slow socket never holds up membership changes.
/// Suspended sockets (awaiting recovery) stay in their rooms and record what they miss.
/// Both maps hold their sets as <see cref="CompactSet{T}"/> slots: a socket's own room costs no set of its own.
/// </summary>
public sealed partial class LocalSocketIOAdapter : SocketIOAdapter
{
    private static readonly IEqualityComparer<SocketIOSocket> SocketComparer = ReferenceEqualityComparer.Instance;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, object?> _rooms = new(StringComparer.Ordinal);

    // Every socket of the namespace is a key, with no rooms at all if it left them all.
    private readonly Dictionary<SocketIOSocket, object?> _socketRooms = new(ReferenceEqualityComparer.Instance);

    public LocalSocketIOAdapter(SocketIONamespace @namespace)
        : base(@namespace)
    {
    }

    public override void AddAll(SocketIOSocket socket, IReadOnlyList<string> rooms)
    {
        var listener = Listener;
        List<string>? added = null;
        lock (_gate)
        {
            ref var joined = ref CollectionsMarshal.GetValueRefOrAddDefault(_socketRooms, socket, out _);
            foreach (var room in rooms)
            {
                if (CompactSet<string>.Add(ref joined, room, StringComparer.Ordinal))
                {
                    CompactSet<SocketIOSocket>.Add(ref CollectionsMarshal.GetValueRefOrAddDefault(_rooms, room, out _), socket, SocketComparer);
                    if (listener is not null)
                    {
                        (added ??= []).Add(room);
                    }
                }
            }
        }
        foreach (var room in added ?? [])
        {
            listener!.OnRoomJoined(Namespace, room, socket.Id);
        }
    }

    public override void Remove(SocketIOSocket socket, string room)
    {
        bool left;
        lock (_gate)
        {
            ref var joined = ref CollectionsMarshal.GetValueRefOrNullRef(_socketRooms, socket);
            left = !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref joined) && CompactSet<string>.Remove(ref joined, room, StringComparer.Ordinal);
            if (left)
            {
                LeaveRoomLocked(socket, room);
            }
        }
        if (left)
        {
            Listener?.OnRoomLeft(Namespace, room, socket.Id);
        }
    }

    public override void RemoveAll(SocketIOSocket socket)
    {
        var listener = Listener;
        List<string>? left = null;
        lock (_gate)
        {
            if (!_socketRooms.Remove(socket, out var joined))
            {
                return;
            }
            foreach (var room in CompactSet<string>.Enumerate(joined))
            {
                LeaveRoomLocked(socket, room);
                if (listener is not null)
                {
                    (left ??= []).Add(room);
                }
            }
        }
        foreach (var room in left ?? [])
        {
            listener!.OnRoomLeft(Namespace, room, socket.Id);
        }
    }

    public override IReadOnlyCollection<string> GetRooms(SocketIOSocket socket)
    {
        lock (_gate)
        {
            var rooms = new List<string>();
            if (_socketRooms.TryGetValue(socket, out var joined))
            {
                foreach (var room in CompactSet<string>.Enumerate(joined))
                {
                    rooms.Add(room);
                }
            }
            return rooms;
        }
    }

    public override IReadOnlyCollection<string> GetAllRooms()
    {
        lock (_gate)
        {
            return [.. _rooms.Keys];
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
                    foreach (var member in CompactSet<SocketIOSocket>.Enumerate(members))
                    {
                        excluded.Add(member);
                    }
                }
            }

            if (options.Rooms.Count == 0)
            {
                foreach (var socket in _socketRooms.Keys)
                {
                    AddEligible(socket, excluded, connectedOnly, selected, seen: null);
                }
            }
            else
            {
                var seen = options.Rooms.Count == 1 ? null : new HashSet<SocketIOSocket>(ReferenceEqualityComparer.Instance);
                foreach (var room in options.Rooms)
                {
                    if (_rooms.TryGetValue(room, out var members))
                    {
                        foreach (var socket in CompactSet<SocketIOSocket>.Enumerate(members))
                        {
                            AddEligible(socket, excluded, connectedOnly, selected, seen);
                        }
                    }
                }
            }
        }
        return selected;
    }

    private static void AddEligible(SocketIOSocket socket, HashSet<SocketIOSocket>? excluded, bool connectedOnly, List<SocketIOSocket> selected,
        HashSet<SocketIOSocket>? seen)
    {
        if ((excluded is null || !excluded.Contains(socket))
            && (!connectedOnly || socket.Connected)
            && (seen is null || seen.Add(socket)))
        {
            selected.Add(socket);
        }
    }

    private void LeaveRoomLocked(SocketIOSocket socket, string room)
    {
        ref var members = ref CollectionsMarshal.GetValueRefOrNullRef(_rooms, room);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref members)
            && CompactSet<SocketIOSocket>.Remove(ref members, socket, SocketComparer) && members is null)
        {
            _rooms.Remove(room);
        }
    }
}
