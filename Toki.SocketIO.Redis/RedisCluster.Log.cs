using Microsoft.Extensions.Logging;

namespace Toki.SocketIO.Redis;

public sealed partial class RedisCluster
{
    internal static partial class Log
    {
        [LoggerMessage(601, LogLevel.Information, "Joined the Redis cluster in {Mode} mode (Redis connected: {Connected}).", EventName = "ClusterJoined")]
        public static partial void Joined(ILogger logger, string mode, bool connected);

        [LoggerMessage(602, LogLevel.Warning, "Lost the Redis {Connection} connection ({Failure}); the cluster is unreachable until it is back.", EventName = "RedisConnectionLost")]
        public static partial void ConnectionLost(ILogger logger, string connection, string failure, Exception? exception);

        [LoggerMessage(603, LogLevel.Information, "The Redis {Connection} connection is back.", EventName = "RedisConnectionRestored")]
        public static partial void ConnectionRestored(ILogger logger, string connection);

        [LoggerMessage(604, LogLevel.Warning, "Dropped a malformed cluster message from {Source}: {Reason}", EventName = "ClusterMessageMalformed")]
        public static partial void Malformed(ILogger logger, string source, string reason);

        [LoggerMessage(605, LogLevel.Error, "Publishing a {Type} message of {Namespace} to the cluster failed.", EventName = "ClusterPublishFailed")]
        public static partial void PublishFailed(ILogger logger, string type, string @namespace, Exception exception);

        [LoggerMessage(606, LogLevel.Warning, "Reading the cluster stream {Stream} failed; retrying.", EventName = "ClusterStreamReadFailed")]
        public static partial void StreamReadFailed(ILogger logger, string stream, Exception exception);

        [LoggerMessage(607, LogLevel.Error, "Handling a {Type} message of {Namespace} from server {Uid} failed.", EventName = "ClusterMessageFailed")]
        public static partial void HandlingFailed(ILogger logger, string type, string @namespace, string uid, Exception exception);

        [LoggerMessage(608, LogLevel.Warning, "{Request} in {Namespace} timed out: {Received} of {Expected} servers answered.", EventName = "ClusterRequestTimedOut")]
        public static partial void RequestTimedOut(ILogger logger, string request, string @namespace, int received, int expected);

        [LoggerMessage(609, LogLevel.Debug, "Restored session {Pid} of socket {Sid} from the cluster with {Missed} missed packets.", EventName = "ClusterSessionRestored")]
        public static partial void SessionRestored(ILogger logger, string pid, string sid, int missed);
    }
}
