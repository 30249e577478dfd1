using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// Connection state recovery: a client presenting its private session id gets its socket back, from this server's
/// suspended socket or, when the adapter keeps sessions for the cluster, from the session another server saved
/// (that server may have died) with the events it missed read from the cluster. Unless recovery skips them, the
/// middlewares judge every recovery first (<see cref="SocketIOSocket.Recovered"/> is true while they do): a refused or
/// declined recovery leaves the session recoverable for its rightful client, here and in the cluster's store.
/// </summary>
public sealed partial class SocketIONamespace
{
    /// <summary>True when the CONNECT was answered (recovered, or refused); false when a new socket should be made.</summary>
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
                switch (await TryResumeLocalAsync(connection, handshake, local, pid, offset, recovery))
                {
                    case LocalRecovery.Resumed:
                        return true;
                    case LocalRecovery.Refused:
                        await ReturnSessionAsync(stored);
                        return true;
                    case LocalRecovery.Declined:
                        await ReturnSessionAsync(stored);
                        return false;
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

    /// <summary>Resumes this server's suspended socket once the middlewares allow it.</summary>
    private async Task<LocalRecovery> TryResumeLocalAsync(SocketIOConnection connection, SocketIOHandshake handshake, SocketIOSocket socket, string pid,
        string? offset, ConnectionStateRecoveryOptions recovery)
    {
        if (!recovery.SkipMiddlewares)
        {
            // The middlewares see the session being recovered (its id, data, and Recovered), as in the reference server.
            var probe = new SocketIOSocket(this, connection, handshake, socket.Id, pid) { Data = socket.Data };
            probe.MarkRecovering();
            var verdict = await RunMiddlewaresAsync(probe, connection);
            if (!verdict.Accepted || verdict.DeclinesRecovery)
            {
                // Refused, or accepted as someone who may not have this session: either way it stays recoverable for
                // its rightful client until its window ends (a refused client may come back with better credentials).
                Resuspend(pid, socket);
                return verdict.Accepted ? LocalRecovery.Declined : LocalRecovery.Refused;
            }
        }
        if (!socket.TryResume(connection, offset, out var missed))
        {
            socket.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
            return LocalRecovery.OffsetUnknown;
        }
        if (!connection.Register(socket))
        {
            return LocalRecovery.Resumed;
        }
        _sockets[socket.Id] = socket;
        socket.Activate(missed);
        Server.SocketConnected(socket, recovered: true);
        await RunConnectionHandlersAsync(socket);
        return LocalRecovery.Resumed;
    }

    /// <summary>
    /// Recreates a socket from a session saved by a server of the cluster. Its data arrives as JSON, not as the object
    /// that server held, so the middlewares always run again (and may rebuild it from the handshake's credentials); a
    /// refused or declined recovery puts the session back in the store.
    /// </summary>
    private async Task<bool> RestoreStoredAsync(SocketIOConnection connection, SocketIOHandshake handshake, SocketIOStoredSession stored,
        IReadOnlyList<SocketIOData> missed)
    {
        var socket = new SocketIOSocket(this, connection, handshake, stored.Sid, stored.Pid) { Data = stored.Data };
        socket.MarkRecovering();
        var verdict = await RunMiddlewaresAsync(socket, connection);
        if (!verdict.Accepted || verdict.DeclinesRecovery)
        {
            await ReturnSessionAsync(stored);
            return !verdict.Accepted;
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
        var packets = new List<OutboundPacket>(missed.Count);
        foreach (var data in missed)
        {
            packets.Add(SocketIOPacketEncoder.EncodeEvent(Name, data, null, null));
        }
        socket.Activate(packets);
        Server.SocketConnected(socket, recovered: true);
        await RunConnectionHandlersAsync(socket);
        return true;
    }

    private void Resuspend(string pid, SocketIOSocket socket)
    {
        if (!socket.IsSuspended || !_suspended.TryAdd(pid, socket))
        {
            socket.Finish(SocketIODisconnectReason.TransportClose, sendDisconnect: false);
        }
    }

    /// <summary>A session taken from the cluster's store for a recovery that did not happen goes back for its rightful client.</summary>
    private async Task ReturnSessionAsync(SocketIOStoredSession? stored)
    {
        if (stored is null)
        {
            return;
        }
        try
        {
            await Adapter.ReturnSessionAsync(stored);
        }
        catch (Exception exception)
        {
            Server.LogClusterOperationFailed(Name, "session return", exception);
        }
    }

    private enum LocalRecovery
    {
        Resumed,
        Refused,
        Declined,
        OffsetUnknown,
    }
}
