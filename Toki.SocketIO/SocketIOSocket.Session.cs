using System.Buffers;
using System.Text.Json;

namespace Toki.SocketIO;

/// <summary>
/// Keeping the socket's session where other servers can restore it (when the adapter <see cref="SocketIOAdapter.PersistsSessions"/>):
/// saved at connect, when its rooms change, before it would expire while connected, and once more when it is suspended.
/// Saves are coalesced: at most one is in flight, followed by at most one more with the latest state.
/// </summary>
public sealed partial class SocketIOSocket
{
    private const int SaveIdle = 0;
    private const int SaveRunning = 1;
    private const int SaveRunningAndAgain = 2;
    private int _saveState;
    private long _savedAt;

    /// <summary>The socket's rooms changed; saves its session if sessions are kept for other servers.</summary>
    internal void OnRoomsChanged() => SaveSession();

    /// <summary>Saves the session again if the last save is older than the refresh interval (run by the sweeper).</summary>
    internal void RefreshSession(long now)
    {
        if (Connected && now - Volatile.Read(ref _savedAt) >= Namespace.Server.SessionRefreshTicks)
        {
            SaveSession();
        }
    }

    internal void SaveSession()
    {
        if (Pid is null || Namespace.Server.Recovery is null || !Namespace.Adapter.PersistsSessions)
        {
            return;
        }
        while (true)
        {
            var state = Volatile.Read(ref _saveState);
            if (state == SaveRunningAndAgain)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _saveState, state + 1, state) == state)
            {
                if (state == SaveIdle)
                {
                    _ = SaveSessionLoopAsync();
                }
                return;
            }
        }
    }

    /// <summary>The socket left for good: its session must not be restored anywhere.</summary>
    private void DeleteSession()
    {
        if (Pid is null || Namespace.Server.Recovery is null || !Namespace.Adapter.PersistsSessions)
        {
            return;
        }
        Namespace.Observe(Namespace.Adapter.DeleteSessionAsync(Pid), "session delete");
    }

    private async Task SaveSessionLoopAsync()
    {
        while (true)
        {
            try
            {
                if (Snapshot() is { } snapshot)
                {
                    Volatile.Write(ref _savedAt, Namespace.Server.Time.GetTimestamp());
                    var recovery = Namespace.Server.Recovery!;
                    var timeToLive = snapshot.Connected
                        ? recovery.MaxDisconnectionDuration + Namespace.Server.SessionRefreshInterval
                        : recovery.MaxDisconnectionDuration;
                    await Namespace.Adapter.SaveSessionAsync(snapshot, timeToLive);
                }
            }
            catch (Exception exception)
            {
                Namespace.Server.LogClusterOperationFailed(Namespace.Name, "session save", exception);
            }
            if (Interlocked.CompareExchange(ref _saveState, SaveIdle, SaveRunning) == SaveRunning)
            {
                return;
            }
            Volatile.Write(ref _saveState, SaveRunning);
        }
    }

    /// <summary>The session as it is now, or null once the socket has left.</summary>
    private SocketIOSessionSnapshot? Snapshot()
    {
        bool connected;
        lock (_gate)
        {
            if (_state is not (SocketIOSocketState.Connected or SocketIOSocketState.Suspended))
            {
                return null;
            }
            connected = _state == SocketIOSocketState.Connected;
        }
        var rooms = Namespace.Adapter.GetRooms(this);
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SocketIOSocketDescription.WriteData(writer, this);
        }
        return new SocketIOSessionSnapshot(Id, Pid!, rooms.Contains(Id) ? [.. rooms] : [Id, .. rooms], buffer.WrittenMemory.ToArray())
        {
            Connected = connected,
        };
    }
}
