using Toki.SocketIO.Redis.Transport;

namespace Toki.SocketIO.Redis;

/// <summary>Sessions kept in Redis for recovery on any member (streams mode only).</summary>
internal sealed partial class RedisClusterAdapter
{
    private StreamSessionStore Sessions => ((StreamsTransport)Transport).Sessions;

    public override ValueTask SaveSessionAsync(SocketIOSessionSnapshot session, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        new(Sessions.SaveAsync(session, timeToLive));

    public override ValueTask DeleteSessionAsync(string pid, CancellationToken cancellationToken = default) => new(Sessions.DeleteAsync(pid));

    public override Task<SocketIOStoredSession?> TakeSessionAsync(string pid, CancellationToken cancellationToken = default) => Sessions.TakeAsync(pid);

    public override ValueTask ReturnSessionAsync(SocketIOStoredSession session, CancellationToken cancellationToken = default) =>
        new(Sessions.ReturnAsync(session));

    public override async Task<IReadOnlyList<SocketIOData>?> ReadMissedPacketsAsync(string offset, IReadOnlyList<string> rooms,
        CancellationToken cancellationToken = default)
    {
        var missed = await Sessions.ReadMissedAsync(Namespace.Name, offset, rooms);
        if (missed is not null)
        {
            RedisCluster.Log.SessionRestored(_cluster.Logger, offset, rooms.Count > 0 ? rooms[0] : "", missed.Count);
        }
        return missed;
    }
}
