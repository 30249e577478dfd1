using System.Text.Json;
using Microsoft.Extensions.Options;
using Toki.Server.Identity;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// The Socket.IO middleware that proves who connects: an HS256 JWT from <c>auth.token</c>, <c>query.token</c>
/// or <c>Authorization: Bearer</c>; with the development-only switch, a bare <c>auth.userId</c>. Anything else
/// is refused with CONNECT_ERROR "unauthorized". It runs on connection state recovery too (socket.io-client resends
/// its whole <c>auth</c> on every reconnect), on this server or on another of the cluster: a session is restored only for
/// a valid token of its own user; a valid token of another user gets a fresh socket of its own, anything else is refused
/// like a fresh connection.
/// </summary>
internal sealed partial class SocketAuthenticator(JwtValidator validator, IOptions<JwtOptions> jwtOptions, IOptions<RateLimitOptions> limits,
    TimeProvider time, ILogger<SocketAuthenticator> logger)
{
    private const int MaxInsecureUserIdLength = 128;

    public ValueTask<SocketIOMiddlewareResult> AuthenticateAsync(SocketIOSocket socket, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Identify(socket) is { } userId ? Admit(socket, userId) : Unauthorized);

    private static SocketIOMiddlewareResult Unauthorized => SocketIOMiddlewareResult.Reject("unauthorized");

    /// <summary>The proven user id, or null (logged) when the client proves nothing.</summary>
    private string? Identify(SocketIOSocket socket)
    {
        var handshake = socket.Handshake;
        var auth = handshake.Auth;
        if (auth.ValueKind == JsonValueKind.Object && !WellFormedJsonText.HasWellFormedNames(auth))
        {
            Log.NoCredentials(logger, socket.Id);
            return null;
        }
        var token = BearerTokenSource.Extract(auth, handshake, static h => h.GetQuery("token"), static h => h.GetHeader("authorization"));
        if (token is not null)
        {
            var result = validator.Validate(token);
            if (result.IsValid)
            {
                return result.UserId!;
            }
            Log.TokenRefused(logger, socket.Id, result.Reason.ToString());
            return null;
        }
        if (jwtOptions.Value.AllowInsecureUserId && InsecureUserId(auth) is { } userId)
        {
            Log.InsecureIdentity(logger, socket.Id, userId);
            return userId;
        }
        Log.NoCredentials(logger, socket.Id);
        return null;
    }

    private SocketIOMiddlewareResult Admit(SocketIOSocket socket, string userId)
    {
        if (socket.Recovered)
        {
            var sessionUserId = CallSocketSession.UserIdOf(socket.Data);
            if (sessionUserId == userId)
            {
                Log.RecoveryAllowed(logger, socket.Id, userId);
                if (socket.Data is not CallSocketSession)
                {
                    // A session another server of the cluster saved: its data came as JSON; the user's own session again.
                    socket.Data = new CallSocketSession(userId, limits.Value, time);
                }
                return SocketIOMiddlewareResult.Continue;
            }
            // Someone else's session: the client (a tab where another user signed in) is welcome as itself.
            Log.RecoveryDeclined(logger, socket.Id, sessionUserId ?? "(none)", userId);
            return SocketIOMiddlewareResult.ContinueWithoutRecovery;
        }
        socket.Data = new CallSocketSession(userId, limits.Value, time);
        return SocketIOMiddlewareResult.Continue;
    }

    private static string? InsecureUserId(JsonElement auth) =>
        auth.ValueKind == JsonValueKind.Object && WellFormedJsonText.HasWellFormedNames(auth)
        && auth.TryGetProperty("userId", out var value) && WellFormedJsonText.IsWellFormedString(value)
        && value.GetString() is { Length: > 0 and <= MaxInsecureUserIdLength } id ? id : null;

    private static partial class Log
    {
        [LoggerMessage(401, LogLevel.Information, "Socket {SocketId} refused: token invalid ({Reason}).", EventName = "TokenRefused")]
        public static partial void TokenRefused(ILogger logger, string socketId, string reason);

        [LoggerMessage(402, LogLevel.Warning, "Socket {SocketId} accepted as user {UserId} WITHOUT a token (Auth:AllowInsecureUserId is on; development only).", EventName = "InsecureIdentity")]
        public static partial void InsecureIdentity(ILogger logger, string socketId, string userId);

        [LoggerMessage(403, LogLevel.Information, "Socket {SocketId} refused: no credentials.", EventName = "NoCredentials")]
        public static partial void NoCredentials(ILogger logger, string socketId);

        [LoggerMessage(404, LogLevel.Debug, "Socket {SocketId} of user {UserId} recovers its session with a valid token.", EventName = "RecoveryAllowed")]
        public static partial void RecoveryAllowed(ILogger logger, string socketId, string userId);

        [LoggerMessage(405, LogLevel.Information, "Socket {SocketId} of user {SessionUserId} not recovered: the token is user {UserId}'s, who gets a new socket.", EventName = "RecoveryDeclined")]
        public static partial void RecoveryDeclined(ILogger logger, string socketId, string sessionUserId, string userId);
    }
}
