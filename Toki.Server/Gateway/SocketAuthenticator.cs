using System.Text.Json;
using Microsoft.Extensions.Options;
using Toki.Server.Identity;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// The Socket.IO middleware that proves who connects: an HS256 JWT from <c>auth.token</c>, <c>query.token</c>
/// or <c>Authorization: Bearer</c>; with the development-only switch, a bare <c>auth.userId</c>. Anything else
/// is refused with CONNECT_ERROR "unauthorized".
/// </summary>
internal sealed partial class SocketAuthenticator(JwtValidator validator, IOptions<JwtOptions> jwtOptions, IOptions<RateLimitOptions> limits,
    TimeProvider time, ILogger<SocketAuthenticator> logger)
{
    private const int MaxInsecureUserIdLength = 128;

    public ValueTask<SocketIOMiddlewareResult> AuthenticateAsync(SocketIOSocket socket, CancellationToken cancellationToken)
    {
        var handshake = socket.Handshake;
        var token = BearerTokenSource.Extract(handshake.Auth, handshake.GetQuery("token"), handshake.GetHeader("authorization"));
        if (token is not null)
        {
            var result = validator.Validate(token);
            if (result.IsValid)
            {
                return Accept(socket, result.UserId!);
            }
            Log.TokenRefused(logger, socket.Id, result.Reason.ToString());
            return ValueTask.FromResult(SocketIOMiddlewareResult.Reject("unauthorized"));
        }
        if (jwtOptions.Value.AllowInsecureUserId && InsecureUserId(handshake.Auth) is { } userId)
        {
            Log.InsecureIdentity(logger, socket.Id, userId);
            return Accept(socket, userId);
        }
        Log.NoCredentials(logger, socket.Id);
        return ValueTask.FromResult(SocketIOMiddlewareResult.Reject("unauthorized"));
    }

    private ValueTask<SocketIOMiddlewareResult> Accept(SocketIOSocket socket, string userId)
    {
        socket.Data = new CallSocketSession(userId, limits.Value, time);
        return ValueTask.FromResult(SocketIOMiddlewareResult.Continue);
    }

    private static string? InsecureUserId(JsonElement auth) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty("userId", out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 and <= MaxInsecureUserIdLength } id ? id : null;

    private static partial class Log
    {
        [LoggerMessage(401, LogLevel.Information, "Socket {SocketId} refused: token invalid ({Reason}).", EventName = "TokenRefused")]
        public static partial void TokenRefused(ILogger logger, string socketId, string reason);

        [LoggerMessage(402, LogLevel.Warning, "Socket {SocketId} accepted as user {UserId} WITHOUT a token (Auth:AllowInsecureUserId is on; development only).", EventName = "InsecureIdentity")]
        public static partial void InsecureIdentity(ILogger logger, string socketId, string userId);

        [LoggerMessage(403, LogLevel.Information, "Socket {SocketId} refused: no credentials.", EventName = "NoCredentials")]
        public static partial void NoCredentials(ILogger logger, string socketId);
    }
}
