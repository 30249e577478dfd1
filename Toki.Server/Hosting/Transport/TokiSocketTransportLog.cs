using System.Net;
using System.Net.Sockets;

namespace Toki.Server.Hosting.Transport;

internal static partial class TokiSocketTransportLog
{
    [LoggerMessage(537, LogLevel.Debug, "Toki's socket transport listens on {Endpoint}")]
    public static partial void Bound(ILogger logger, EndPoint endpoint);

    [LoggerMessage(538, LogLevel.Debug, "A connection failed before it was accepted ({SocketError})")]
    public static partial void AcceptFailed(ILogger logger, SocketError socketError, Exception exception);
}
