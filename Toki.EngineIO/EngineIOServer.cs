using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

/// <summary>
/// An Engine.IO v4 endpoint: routes each HTTP request to the handshake, a session's transport or the spec's
/// error answer, keeps the live sessions, and runs one heartbeat for all of them.
/// </summary>
public sealed partial class EngineIOServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EngineIOSession> _sessions = new(StringComparer.Ordinal);
    // ConcurrentDictionary.Count takes every lock of the table (hundreds once it holds thousands of sessions), and every
    // handshake asks; so the count is kept beside it, changed only by a successful add or remove.
    private int _sessionCount;
    private readonly IEngineIOHandler _handler;
    private readonly OriginAllowList? _origins;
    private readonly ITimer _heartbeat;
    private int _ticking;

    public EngineIOServer(EngineIOOptions options, IEngineIOHandler handler, TimeProvider time, ILoggerFactory loggerFactory)
    {
        options.Validate();
        Options = options;
        _handler = handler;
        Time = time;
        Logger = loggerFactory.CreateLogger<EngineIOServer>();
        _origins = options.AllowedOrigins is null ? null : new OriginAllowList(options.AllowedOrigins);
        PingIntervalTicks = ToTimestampTicks(options.PingInterval);
        PingTimeoutTicks = ToTimestampTicks(options.PingTimeout);
        UpgradeTimeoutTicks = ToTimestampTicks(options.UpgradeTimeout);
        CloseTimeoutTicks = ToTimestampTicks(options.CloseTimeout);
        Metrics = new EngineIOMetrics(options.MeterFactory, () => _sessions.Values);
        var resolution = options.EffectiveHeartbeatResolution;
        _heartbeat = time.CreateTimer(static state => ((EngineIOServer)state!).Tick(), this, resolution, resolution);
    }

    public EngineIOOptions Options { get; }

    public int SessionCount => Volatile.Read(ref _sessionCount);

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal EngineIOMetrics Metrics { get; }

    internal long PingIntervalTicks { get; }

    internal long PingTimeoutTicks { get; }

    internal long UpgradeTimeoutTicks { get; }

    internal long CloseTimeoutTicks { get; }

    public bool TryGetSession(string sid, out EngineIOSession session) => _sessions.TryGetValue(sid, out session!);

    public async Task HandleRequestAsync(HttpContext context)
    {
        if (!ApplyCors(context, out var isPreflight))
        {
            await EngineResponses.WriteErrorAsync(context, EngineError.Forbidden);
            return;
        }
        if (isPreflight)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var query = context.Request.Query;
        var isWebSocket = WebSocketUpgrade.IsWebSocketRequest(context);
        var error = EngineRequestParser.Parse(Single(query["EIO"]), Single(query["transport"]), SessionIdOf(query["sid"]),
            context.Request.Method, isWebSocket, Options.AllowPolling, Options.AllowWebSocket, out var request);
        if (error is not null)
        {
            Log.RequestRefused(Logger, error.Code, error.Message, context.Request.Method, context.Request.QueryString.Value);
            await EngineResponses.WriteErrorAsync(context, error);
            return;
        }

        switch (request.Kind)
        {
            case EngineRequestKind.PollingHandshake:
            case EngineRequestKind.WebSocketHandshake:
                await HandshakeAsync(context, request.Kind == EngineRequestKind.WebSocketHandshake);
                return;
        }

        if (!_sessions.TryGetValue(request.Sid!, out var session))
        {
            await EngineResponses.WriteErrorAsync(context, EngineError.UnknownSid);
            return;
        }
        // Deadlines are also checked lazily so that a request never finds a session that should already be dead.
        session.Tick(Time.GetTimestamp());

        switch (request.Kind)
        {
            case EngineRequestKind.Poll:
                await session.HandlePollAsync(context);
                break;
            case EngineRequestKind.Post:
                await session.HandlePostAsync(context);
                break;
            case EngineRequestKind.WebSocketUpgrade:
                await UpgradeAsync(context, session);
                break;
        }
    }

    /// <summary>Closes every session, for example when the host stops.</summary>
    public void CloseAll(EngineCloseReason reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(reason, null, flush: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        CloseAll(EngineCloseReason.ServerShuttingDown);
        Metrics.Dispose();
        return _heartbeat.DisposeAsync();
    }

    internal void Remove(EngineIOSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, EngineIOSession>(session.Id, session)))
        {
            Interlocked.Decrement(ref _sessionCount);
        }
    }

    private async Task HandshakeAsync(HttpContext context, bool webSocket)
    {
        if (!HasRoomForSession)
        {
            await EngineResponses.WriteErrorAsync(context, EngineError.ServiceUnavailable);
            return;
        }
        if (Options.AllowRequest is { } allow && !await allow(context))
        {
            await EngineResponses.WriteErrorAsync(context, EngineError.Forbidden);
            return;
        }

        var id = NewSessionId();
        if (Options.Cookie is { } cookie)
        {
            context.Response.Headers.Append("Set-Cookie", cookie.Serialize(id));
        }
        EngineWebSocket? socket = null;
        if (webSocket)
        {
            socket = await WebSocketUpgrade.AcceptAsync(context);
            if (socket is null)
            {
                await EngineResponses.WriteErrorAsync(context, EngineError.BadRequest);
                return;
            }
        }

        var session = OpenSession(id, EngineHandshake.From(context, Time.GetUtcNow()), webSocket ? EngineTransportKind.WebSocket : EngineTransportKind.Polling);
        if (socket is not null)
        {
            await session.RunWebSocketAsync(socket);
        }
        else
        {
            await session.HandlePollAsync(context);
        }
    }

    private bool HasRoomForSession => SessionCount < Options.MaxSessions;

    /// <summary>Creates and registers a session whose open packet is queued, and hands it to the handler.</summary>
    private EngineIOSession OpenSession(string id, EngineHandshake handshake, EngineTransportKind transport)
    {
        var webSocket = transport == EngineTransportKind.WebSocket;
        var session = new EngineIOSession(this, id, handshake, transport, Time.GetTimestamp());
        session.Send(OpenPacket.Create(session.Id, !webSocket && Options.AllowUpgrades && Options.AllowWebSocket,
            Options.PingInterval, Options.PingTimeout, Options.MaxPayload));
        if (!_sessions.TryAdd(session.Id, session))
        {
            // 120 random bits (RandomIds) never collide in practice; a clash would be a bug, not a client's doing.
            throw new InvalidOperationException($"Engine.IO session id {session.Id} is already in use.");
        }
        Interlocked.Increment(ref _sessionCount);
        Metrics.Opened(transport);
        session.AttachHandler(_handler.OnOpen(session));
        Log.SessionOpened(Logger, session.Id, transport);
        return session;
    }

    private async Task UpgradeAsync(HttpContext context, EngineIOSession session)
    {
        var probing = session.CanProbe();
        var socket = await WebSocketUpgrade.AcceptAsync(context);
        if (socket is null)
        {
            await EngineResponses.WriteErrorAsync(context, EngineError.BadRequest);
            return;
        }
        if (await StartUpgradeAsync(session, socket, probing) is { } reading)
        {
            await reading;
        }
    }

    /// <summary>Starts the upgrade of <paramref name="session"/> over <paramref name="socket"/>; the task of its reading, or null.</summary>
    private async Task<Task?> StartUpgradeAsync(EngineIOSession session, EngineWebSocket socket, bool probing)
    {
        if (!probing)
        {
            // One WebSocket per session: a second one is accepted and closed at once, as the spec asks, with a
            // closing handshake (dropping the connection right after the close frame could reset it under the peer).
            try
            {
                await RefuseAsync(socket).WaitAsync(CloseHandshakeLimit, Time);
                socket.Abort();
            }
            catch (TimeoutException)
            {
                socket.AbortUnresponsive();
            }
            return null;
        }
        return await session.StartUpgradeAsync(socket);
    }

    private static async Task RefuseAsync(EngineWebSocket socket)
    {
        try
        {
            await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation);
            await socket.DrainAsync();
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or IOException)
        {
        }
    }

    /// <summary>How long a close frame waits for the peer's answer before the connection is dropped.</summary>
    internal TimeSpan CloseHandshakeLimit => Options.PingTimeout < TimeSpan.FromSeconds(2) ? Options.PingTimeout : TimeSpan.FromSeconds(2);

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    /// <summary>
    /// The sid of a request: null when absent (a handshake), and "" (no session, "Session ID unknown") when given more
    /// than once, which must not open a new session.
    /// </summary>
    internal static string? SessionIdOf(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => "",
    };

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);

    internal static string NewSessionId() => RandomIds.New();
}
