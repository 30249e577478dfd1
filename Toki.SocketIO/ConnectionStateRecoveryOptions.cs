namespace Toki.SocketIO;

/// <summary>
/// Connection state recovery (Socket.IO 4.6+): a client that reconnects within
/// <see cref="MaxDisconnectionDuration"/> gets its socket id, rooms and data back and the packets it missed.
/// Missed packets are kept per socket, bounded by <see cref="MaxBufferedPackets"/> and
/// <see cref="MaxBufferedBytes"/>; a socket that overflows them simply cannot be recovered.
/// </summary>
public sealed class ConnectionStateRecoveryOptions
{
    public TimeSpan MaxDisconnectionDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether a recovered socket skips the namespace middlewares (the reference default).</summary>
    public bool SkipMiddlewares { get; set; } = true;

    public int MaxBufferedPackets { get; set; } = 512;

    public long MaxBufferedBytes { get; set; } = 1024 * 1024;
}
