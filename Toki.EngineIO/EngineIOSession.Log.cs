using Microsoft.Extensions.Logging;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO;

public sealed partial class EngineIOSession
{
    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Debug, "Engine.IO session {Sid} closed: {Reason} ({Description}).", EventName = "SessionClosed")]
        public static partial void SessionClosed(ILogger logger, string sid, string reason, string? description);

        [LoggerMessage(102, LogLevel.Warning, "Engine.IO session {Sid} exceeded its send buffer ({Frames} frames, {Bytes} bytes queued); closing it as a slow consumer.", EventName = "SendBufferFull")]
        public static partial void SendBufferFull(ILogger logger, string sid, int frames, long bytes);

        [LoggerMessage(103, LogLevel.Error, "The handler of Engine.IO session {Sid} failed; closing the session.", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, string sid, Exception exception);

        [LoggerMessage(104, LogLevel.Debug, "Engine.IO session {Sid} upgraded to WebSocket.", EventName = "Upgraded")]
        public static partial void Upgraded(ILogger logger, string sid);

        [LoggerMessage(105, LogLevel.Debug, "Engine.IO session {Sid} did not complete its upgrade in time; staying on polling.", EventName = "UpgradeTimedOut")]
        public static partial void UpgradeTimedOut(ILogger logger, string sid);

        [LoggerMessage(106, LogLevel.Information, "Engine.IO session {Sid} sent a message above the {MaxPayload} byte limit; closing it.", EventName = "PayloadTooLarge")]
        public static partial void PayloadTooLarge(ILogger logger, string sid, int maxPayload);

        [LoggerMessage(107, LogLevel.Information, "Engine.IO session {Sid} sent an undecodable polling payload ({Error}); closing it.", EventName = "InvalidPayload")]
        public static partial void InvalidPayload(ILogger logger, string sid, EngineDecodeError error);

        [LoggerMessage(109, LogLevel.Information, "Engine.IO session {Sid} sent a polling body that could not be read ({Reason}); closing it.", EventName = "InvalidBody")]
        public static partial void InvalidBody(ILogger logger, string sid, string reason);

        [LoggerMessage(110, LogLevel.Debug, "Engine.IO session {Sid} lost the connection of a polling POST mid-body ({Reason}); closing it.", EventName = "BodyConnectionLost")]
        public static partial void BodyConnectionLost(ILogger logger, string sid, string reason);

        [LoggerMessage(108, LogLevel.Information, "Engine.IO session {Sid} closed but its peer did not complete the closing handshake in time; dropping the connection.", EventName = "CloseHandshakeTimedOut")]
        public static partial void CloseHandshakeTimedOut(ILogger logger, string sid);
    }
}
