using Microsoft.Extensions.Logging;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

public sealed partial class SocketIOServer
{
    internal void LogSocketConnected(SocketIOSocket socket, bool recovered) =>
        Log.SocketConnected(_logger, socket.Id, socket.Namespace.Name, socket.ConnectionId, recovered);

    internal void LogSocketDisconnected(SocketIOSocket socket, string reason) =>
        Log.SocketDisconnected(_logger, socket.Id, socket.Namespace.Name, reason);

    internal void LogHandlerFailure(SocketIOSocket socket, string eventName, Exception exception) =>
        Log.HandlerFailed(_logger, eventName, socket.Id, socket.Namespace.Name, exception);

    internal void LogConnectFailure(string sessionId, string @namespace, Exception exception) =>
        Log.ConnectFailed(_logger, sessionId, @namespace, exception);

    internal void LogParseError(string sessionId, SocketIOParseError error) =>
        Log.ParseError(_logger, sessionId, error.ToMessage());

    internal void LogClusterOperationFailed(string @namespace, string operation, Exception exception) =>
        Log.ClusterOperationFailed(_logger, operation, @namespace, exception);

    internal void LogServerEventFailure(string @namespace, string eventName, Exception exception) =>
        Log.ServerEventFailed(_logger, eventName, @namespace, exception);

    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Debug, "Socket {SocketId} connected to {Namespace} over session {SessionId} (recovered: {Recovered}).", EventName = "SocketConnected")]
        public static partial void SocketConnected(ILogger logger, string socketId, string @namespace, string sessionId, bool recovered);

        [LoggerMessage(202, LogLevel.Debug, "Socket {SocketId} left {Namespace}: {Reason}.", EventName = "SocketDisconnected")]
        public static partial void SocketDisconnected(ILogger logger, string socketId, string @namespace, string reason);

        [LoggerMessage(203, LogLevel.Error, "The {Event} handler failed for socket {SocketId} in {Namespace}.", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, string @event, string socketId, string @namespace, Exception exception);

        [LoggerMessage(204, LogLevel.Error, "Connecting session {SessionId} to {Namespace} failed.", EventName = "ConnectFailed")]
        public static partial void ConnectFailed(ILogger logger, string sessionId, string @namespace, Exception exception);

        [LoggerMessage(205, LogLevel.Information, "Session {SessionId} sent a malformed Socket.IO packet ({Error}); closing it.", EventName = "ParseError")]
        public static partial void ParseError(ILogger logger, string sessionId, string error);

        [LoggerMessage(206, LogLevel.Error, "The {Operation} in {Namespace} failed to reach the cluster.", EventName = "ClusterOperationFailed")]
        public static partial void ClusterOperationFailed(ILogger logger, string operation, string @namespace, Exception exception);

        [LoggerMessage(207, LogLevel.Error, "The server-side {Event} handler failed in {Namespace}.", EventName = "ServerEventFailed")]
        public static partial void ServerEventFailed(ILogger logger, string @event, string @namespace, Exception exception);
    }
}
