using Toki.Server.Hosting.Transport;

namespace Toki.Server.Hosting;

/// <summary>The Socket.IO endpoint and CORS (configuration section <c>Server</c>).</summary>
internal sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Origins allowed to use the Socket.IO endpoint and the HTTP API ("*" allows all). Empty: same-origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public string SocketIOPath { get; set; } = "/socket.io/";

    /// <summary>
    /// Serve Socket.IO WebSocket connections directly on Kestrel's connections, below the HTTP layer, so that an idle
    /// connection keeps no HTTP request state (a fraction of the memory). False sends them through the HTTP pipeline
    /// like every other request, for example when an HTTP middleware must see them.
    /// </summary>
    public bool DirectWebSockets { get; set; } = true;

    /// <summary>
    /// Give memory back after bursts: Kestrel's transport buffers come from a pool that lets go of blocks unused for a
    /// few seconds (instead of Kestrel's pinned pool, which keeps a burst's high-water mark for minutes), and once a
    /// burst of work has gone quiet the GC heap is compacted once and its free memory returned to the system (one
    /// blocking full collection, at most once a minute). False keeps Kestrel's pool and leaves the GC alone.
    /// </summary>
    public bool TrimIdleMemory { get; set; } = true;

    /// <summary>
    /// The socket transport Kestrel accepts connections with: <see cref="ServerTransport.Toki"/> (Toki's own, which keeps
    /// no pipes, loops or buffers for an idle connection) or <see cref="ServerTransport.Kestrel"/> (Kestrel's).
    /// </summary>
    public ServerTransport Transport { get; set; } = ServerTransport.Toki;

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The transport's limit (maxHttpBufferSize); a larger message closes the connection.</summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>
    /// The name of the cookie the handshake sets to the session id (engine.io's <c>cookie</c> option, usually <c>io</c>),
    /// for a load balancer's sticky sessions when several servers take long-polling clients. Empty: no cookie.
    /// </summary>
    public string Cookie { get; set; } = "";

    public bool ConnectionStateRecovery { get; set; } = true;

    public TimeSpan MaxDisconnectionDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where the built sample frontend is served from, if it exists (relative to the content root).</summary>
    public string? WebRoot { get; set; } = "../examples/web/dist";
}
