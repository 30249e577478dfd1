using Microsoft.Extensions.Logging;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO;

public sealed partial class EngineIOServer
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Engine.IO session {Sid} opened over {Transport}.", EventName = "SessionOpened")]
        public static partial void SessionOpened(ILogger logger, string sid, EngineTransportKind transport);

        [LoggerMessage(2, LogLevel.Debug, "Engine.IO request refused with code {Code} ({Message}): {Method} {Query}.", EventName = "RequestRefused")]
        public static partial void RequestRefused(ILogger logger, int code, string message, string method, string? query);

        [LoggerMessage(3, LogLevel.Information, "Engine.IO request from origin {Origin} refused: not on the allow-list.", EventName = "OriginRefused")]
        public static partial void OriginRefused(ILogger logger, string origin);

        [LoggerMessage(4, LogLevel.Warning, "Engine.IO heartbeat skipped: the previous tick is still running (the machine may be overloaded).", EventName = "TickSkipped")]
        public static partial void TickSkipped(ILogger logger);

        [LoggerMessage(5, LogLevel.Error, "Engine.IO heartbeat failed to check session {Sid}.", EventName = "TickFailed")]
        public static partial void TickFailed(ILogger logger, string sid, Exception exception);
    }
}
