using Microsoft.AspNetCore.Http;

namespace Toki.EngineIO;

/// <summary>Engine.IO server settings; the defaults are those of the reference server.</summary>
public sealed class EngineIOOptions
{
    /// <summary>Creates the <c>Toki.EngineIO</c> meter (the host's, so that its exporter sees it); null: a meter of its own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a started upgrade may take before it is cancelled.</summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing polling session waits for a GET to deliver its last packets.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message or polling body accepted, in bytes (maxHttpBufferSize); announced as maxPayload.</summary>
    public int MaxPayload { get; set; } = 1_000_000;

    public bool AllowPolling { get; set; } = true;

    public bool AllowWebSocket { get; set; } = true;

    public bool AllowUpgrades { get; set; } = true;

    /// <summary>
    /// Origins allowed to call the endpoint ("*" allows any). Null turns CORS handling off: no CORS headers are
    /// sent and no origin is refused (the reference server's default). With a list, a request whose Origin is
    /// not on it gets 403 without CORS headers.
    /// </summary>
    public IReadOnlyList<string>? AllowedOrigins { get; set; }

    /// <summary>When set, the handshake answer sets this cookie to the session id (for sticky load balancing); off by default, as in engine.io.</summary>
    public EngineIOCookieOptions? Cookie { get; set; }

    /// <summary>Decides whether a handshake request may open a session (403 Forbidden otherwise).</summary>
    public Func<HttpContext, ValueTask<bool>>? AllowRequest { get; set; }

    /// <summary>Bound on the frames waiting to be sent on one session; beyond it the session is closed.</summary>
    public int MaxQueuedFrames { get; set; } = 4096;

    /// <summary>Bound on the bytes waiting to be sent on one session; beyond it the session is closed.</summary>
    public long MaxQueuedBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Handshakes beyond this many live sessions get 503.</summary>
    public int MaxSessions { get; set; } = 250_000;

    /// <summary>How often deadlines are checked; by default a twentieth of the shorter ping setting, within [5 ms, 1 s].</summary>
    public TimeSpan? HeartbeatResolution { get; set; }

    internal TimeSpan EffectiveHeartbeatResolution =>
        HeartbeatResolution ?? TimeSpan.FromTicks(Math.Clamp(
            Math.Min(PingInterval.Ticks, PingTimeout.Ticks) / 20,
            TimeSpan.FromMilliseconds(5).Ticks,
            TimeSpan.FromSeconds(1).Ticks));

    internal void Validate()
    {
        if (PingInterval <= TimeSpan.Zero || PingTimeout <= TimeSpan.Zero || UpgradeTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Engine.IO ping interval, ping timeout and upgrade timeout must be positive.");
        }
        if (MaxPayload < 1024)
        {
            throw new InvalidOperationException("Engine.IO MaxPayload must be at least 1024 bytes.");
        }
        if (!AllowPolling && !AllowWebSocket)
        {
            throw new InvalidOperationException("Engine.IO needs at least one transport.");
        }
        if (MaxQueuedFrames < 16 || MaxQueuedBytes < MaxPayload)
        {
            throw new InvalidOperationException("Engine.IO send bounds must allow at least 16 frames and one maximum payload.");
        }
    }
}
