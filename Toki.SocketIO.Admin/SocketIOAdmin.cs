using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Toki.SocketIO.Admin;

/// <summary>
/// The server side of the official Socket.IO Admin UI, as Node's <c>instrument(io, options)</c>: an admin namespace behind
/// basic auth (a bcrypt hash), answering the UI with <c>config</c>, <c>all_sockets</c> and <c>server_stats</c>, streaming
/// socket, room and event changes, and carrying out its emit, join, leave and disconnect actions. The admin namespace's own
/// sockets are not reported. Dispose to stop the stats.
/// </summary>
public sealed partial class SocketIOAdmin : IDisposable
{
    private readonly SocketIOServer _io;
    private readonly SocketIOAdminOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AdminSessionStore _sessions;
    private readonly AdminEventBuffer _events;
    private readonly string[] _features;
    private readonly ITimer _stats;
    private readonly long _startedAt;

    private SocketIOAdmin(SocketIOServer io, SocketIOAdminOptions options, TimeProvider time, ILogger logger)
    {
        _io = io;
        _options = options;
        _time = time;
        _logger = logger;
        _sessions = new AdminSessionStore(time, options.SessionDuration);
        _events = new AdminEventBuffer(time);
        _features = AdminFeature.For(options);
        _startedAt = time.GetTimestamp();
        Namespace = io.Of(options.Namespace);
        Namespace.Use(AuthenticateAsync);
        Namespace.OnConnection(OnAdminConnectedAsync);
        RegisterActions();
        _stats = time.CreateTimer(static state => ((SocketIOAdmin)state!).EmitStats(), this, options.StatsInterval, options.StatsInterval);
    }

    /// <summary>The admin namespace.</summary>
    public SocketIONamespace Namespace { get; }

    /// <summary>Instruments <paramref name="io"/>; it becomes the server's <see cref="SocketIOServer.Listener"/>.</summary>
    /// <exception cref="ArgumentException">The password hash is not a bcrypt hash.</exception>
    public static SocketIOAdmin Instrument(SocketIOServer io, SocketIOAdminOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        if (!BcryptHash.IsValid(options.PasswordHash))
        {
            throw new ArgumentException("The admin UI's password must be a bcrypt hash ($2a$, $2b$ or $2y$, e.g. from bcrypt.hashSync(password, 10)).",
                nameof(options));
        }
        if (io.Listener is not null)
        {
            throw new InvalidOperationException("The Socket.IO server is already instrumented.");
        }
        var admin = new SocketIOAdmin(io, options, time, loggerFactory.CreateLogger<SocketIOAdmin>());
        io.Listener = new AdminListener(admin);
        return admin;
    }

    public void Dispose()
    {
        _stats.Dispose();
        if (_io.Listener is AdminListener listener && listener.Admin == this)
        {
            _io.Listener = null;
        }
    }

    private async ValueTask<SocketIOMiddlewareResult> AuthenticateAsync(SocketIOSocket socket, CancellationToken cancellationToken)
    {
        var handshake = socket.Handshake;
        if (_sessions.Exists(handshake.GetAuthString("sessionId")))
        {
            return SocketIOMiddlewareResult.Continue;
        }
        if (handshake.GetAuthString("username") == _options.Username)
        {
            var password = handshake.GetAuthString("password");
            // bcrypt is deliberately slow (tens of milliseconds): off the connection's thread.
            if (await Task.Run(() => BcryptHash.Verify(password, _options.PasswordHash), cancellationToken))
            {
                socket.Data = new AdminSession(_sessions.Create());
                return SocketIOMiddlewareResult.Continue;
            }
        }
        Log.SignInRefused(_logger, socket.Handshake.Engine.RemoteAddress?.ToString());
        return SocketIOMiddlewareResult.Reject("invalid credentials");
    }

    private async ValueTask OnAdminConnectedAsync(SocketIOSocket socket)
    {
        if (socket.Data is AdminSession session)
        {
            socket.Emit("session", session.Id);
        }
        socket.Emit("config", new { supportedFeatures = _features });
        if (_options.IsDevelopment)
        {
            socket.Emit("all_sockets", await AllSocketsAsync());
        }
        Log.SignedIn(_logger, socket.Id);
    }

    /// <summary>Every socket of every namespace but the admin one, on every server of the cluster (Node's fetchSockets).</summary>
    private async Task<List<object>> AllSocketsAsync()
    {
        var all = new List<object>();
        foreach (var @namespace in _io.Namespaces.Where(n => n != Namespace))
        {
            IReadOnlyList<SocketIORemoteSocket> sockets;
            try
            {
                sockets = await @namespace.FetchSocketsAsync();
            }
            catch (Exception exception)
            {
                // Some server of the cluster did not answer: the UI gets this server's sockets at least.
                Log.FetchFailed(_logger, @namespace.Name, exception);
                sockets = await @namespace.Local.FetchSocketsAsync();
            }
            all.AddRange(sockets.Select(s => AdminSocketView.Of(s, @namespace, _options)));
        }
        return all;
    }

    private void EmitStats()
    {
        try
        {
            var (polling, _) = _io.CountTransports();
            Namespace.Emit("server_stats", new
            {
                serverId = string.IsNullOrEmpty(_options.ServerId) ? Environment.MachineName : _options.ServerId,
                hostname = Environment.MachineName,
                pid = Environment.ProcessId,
                uptime = _time.GetElapsedTime(_startedAt).TotalSeconds,
                clientsCount = _io.Engine.SessionCount,
                pollingClientsCount = polling,
                aggregatedEvents = _events.TakeAll(),
                namespaces = _io.Namespaces.Select(n => new { name = n.Name, socketsCount = n.SocketCount }).ToArray(),
            });
        }
        catch (Exception exception)
        {
            Log.StatsFailed(_logger, exception);
        }
    }

    internal AdminEventBuffer Events => _events;

    internal SocketIOAdminOptions Options => _options;

    /// <summary>Whether sockets, rooms and events are streamed to the UI (development mode).</summary>
    internal bool Verbose => _options.IsDevelopment;

    /// <summary>A JSON timestamp as Node's <c>new Date()</c> serializes.</summary>
    internal string Timestamp() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record AdminSession(string Id);

    private static partial class Log
    {
        [LoggerMessage(701, LogLevel.Warning, "Admin UI sign-in refused (from {Address}).", EventName = "AdminSignInRefused")]
        public static partial void SignInRefused(ILogger logger, string? address);

        [LoggerMessage(702, LogLevel.Information, "Admin UI connected (socket {SocketId}).", EventName = "AdminSignedIn")]
        public static partial void SignedIn(ILogger logger, string socketId);

        [LoggerMessage(703, LogLevel.Error, "Emitting the admin UI's server stats failed.", EventName = "AdminStatsFailed")]
        public static partial void StatsFailed(ILogger logger, Exception exception);

        [LoggerMessage(704, LogLevel.Information, "Admin UI action {Action} on {Namespace} (room {Room}, filter {Filter}).", EventName = "AdminAction")]
        public static partial void Action(ILogger logger, string action, string @namespace, string? room, string? filter);

        [LoggerMessage(705, LogLevel.Debug, "Admin UI action {Action} ignored: {Why}.", EventName = "AdminActionIgnored")]
        public static partial void ActionIgnored(ILogger logger, string action, string why);

        [LoggerMessage(706, LogLevel.Warning, "Admin UI: fetching the sockets of {Namespace} from the cluster failed; listing this server's only.", EventName = "AdminFetchFailed")]
        public static partial void FetchFailed(ILogger logger, string @namespace, Exception exception);
    }
}
