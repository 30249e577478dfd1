using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// Connection state recovery: a client presenting its private session id gets its socket back, from this server's
/// suspended socket or, when the adapter keeps sessions for the cluster, from the session another server saved
/// (that server may have died) with the events it missed read from the cluster.
/// </summary>
public sealed partial class SocketIONamespace
{
    private async Task<bool> TryRecoverAsync(SocketIOConnection connection, SocketIOHandshake handshake, string pid, ConnectionStateRecoveryOptions recovery)
    {
        _suspended.TryRemove(pid, out var local);
        var offset = handshake.GetAuthString("offset");
        SocketIOStoredSession? stored = null;
        if (Adapter.PersistsSessions)
        {
            try
            {
                stored = await Adapter.TakeSessionAsync(pid);
            }
            catch (Exception exception)
            {
                // The store is unreachable: this server's own suspended socket, if any, is all there is.
                Server.LogClusterOperationFailed(Name, "session restore", exception);
            }
        }
        if (local is not null)
        {
            if (stored is null || stored.SavedHere)
            {
                if (await TryResumeLocalAsync(connection, handshake, local, pid, offset, recovery) is { } resumed)
                {
                    return resumed;
                }
            }
            else
            {
                // Another server restored the session since and saved it last: that is the current state.
                local.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
            }
        }
        if (stored is null || offset is null)
        {
            return false;
        }
        IReadOnlyList<SocketIOData>? missed;
        try
        {
            missed = await Adapter.ReadMissedPacketsAsync(offset, stored.Rooms);
        }
        catch (Exception exception)
        {
            Server.LogClusterOperationFailed(Name, "session restore", exception);
            return false;
        }
        return missed is not null && await RestoreStoredAsync(connection, handshake, stored, missed);
    }

    /// <summary>Resumes this server's suspended socket; null when its history cannot serve the client's offset.</summary>
    private async Task<bool?> TryResumeLocalAsync(SocketIOConnection connection, SocketIOHandshake handshake, SocketIOSocket socket, string pid,
        string? offset, ConnectionStateRecoveryOptions recovery)
    {
        if (!recovery.SkipMiddlewares)
        {
            var probe = new SocketIOSocket(this, connection, handshake, socket.Id, pid) { Data = socket.Data };
            if (!await RunMiddlewaresAsync(probe, connection))
            {
                socket.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
                return true;
            }
        }
        if (!socket.TryResume(connection, offset, out var missed))
        {
            socket.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
            return null;
        }
        if (!connection.Register(socket))
        {
            return true;
        }
        _sockets[socket.Id] = socket;
        socket.Activate(missed);
        Server.LogSocketConnected(socket, recovered: true);
        await RunConnectionHandlersAsync(socket);
        return true;
    }

    /// <summary>
    /// Recreates a socket from a session saved by a server of the cluster. Its data arrives as JSON, not as the object
    /// that server held, so the middlewares always run again (and may rebuild it from the handshake's credentials).
    /// </summary>
    private async Task<bool> RestoreStoredAsync(SocketIOConnection connection, SocketIOHandshake handshake, SocketIOStoredSession stored,
        IReadOnlyList<SocketIOData> missed)
    {
        var socket = new SocketIOSocket(this, connection, handshake, stored.Sid, stored.Pid) { Data = stored.Data };
        if (!await RunMiddlewaresAsync(socket, connection))
        {
            return true;
        }
        if (_sockets.TryGetValue(socket.Id, out var stale))
        {
            stale.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
        }
        if (!connection.Register(socket))
        {
            return true;
        }
        _sockets[socket.Id] = socket;
        Adapter.AddAll(socket, stored.Rooms.Contains(socket.Id) ? stored.Rooms : [socket.Id, .. stored.Rooms]);
        socket.MarkRecovered();
        var packets = new List<OutboundPacket>(missed.Count);
        foreach (var data in missed)
        {
            packets.Add(SocketIOPacketEncoder.EncodeEvent(Name, data, null, null));
        }
        socket.Activate(packets);
        Server.LogSocketConnected(socket, recovered: true);
        await RunConnectionHandlersAsync(socket);
        return true;
    }
}
