using System.Net.WebSockets;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

public sealed partial class EngineIOSession : IWebSocketMessageSink
{
    /// <summary>Reads the session's WebSocket until it ends, then completes once the connection can be let go.</summary>
    private Task ReadLoopAsync(EngineWebSocket socket) =>
        socket is PipeWebSocket pipe ? ReadPipeLoopAsync(pipe) : ReadMessageLoopAsync(socket);

    private async Task ReadMessageLoopAsync(EngineWebSocket socket)
    {
        var reason = EngineCloseReason.TransportClose;
        string? description = "connection closed";
        try
        {
            while (true)
            {
                using var message = await socket.ReadMessageAsync(_server.Options.MaxPayload);
                if (message.Status == WebSocketReadStatus.Closed)
                {
                    break;
                }
                if (message.Status == WebSocketReadStatus.TooBig)
                {
                    (reason, description) = OnMessageTooBig();
                    break;
                }
                if (!((IWebSocketMessageSink)this).OnMessage(message))
                {
                    await ReleaseAsync(socket);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            (reason, description) = Describe(exception);
        }
        CloseCore(reason, description, EngineCloseMode.ClientClosed);
        await ReleaseAsync(socket);
    }

    // The same loop straight on the connection's pipe: while idle, this method's frame is all the session has pending
    // (no nested message read), and messages are handed over as they are parsed from what arrived.
    private async Task ReadPipeLoopAsync(PipeWebSocket socket)
    {
        var reason = EngineCloseReason.TransportClose;
        string? description = "connection closed";
        try
        {
            var reading = true;
            while (reading)
            {
                var outcome = socket.Receive(await socket.ReadInputAsync(), _server.Options.MaxPayload, this, out var error, out var ponged);
                if (ponged)
                {
                    await socket.FlushControlAsync();
                }
                switch (outcome)
                {
                    case WebSocketReceiveOutcome.NeedMore:
                        continue;
                    case WebSocketReceiveOutcome.Stopped:
                        await ReleaseAsync(socket);
                        return;
                    case WebSocketReceiveOutcome.TooBig:
                        (reason, description) = OnMessageTooBig();
                        break;
                    case WebSocketReceiveOutcome.ProtocolError:
                        await socket.FailAsync(error);
                        (reason, description) = (EngineCloseReason.TransportError, PipeWebSocket.Describe(error));
                        break;
                    case WebSocketReceiveOutcome.Lost:
                        (reason, description) = (EngineCloseReason.TransportClose, "connection lost");
                        break;
                }
                reading = false;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            (reason, description) = Describe(exception);
        }
        CloseCore(reason, description, EngineCloseMode.ClientClosed);
        await ReleaseAsync(socket);
    }

    bool IWebSocketMessageSink.OnMessage(in WebSocketMessage message) =>
        message.Type == WebSocketMessageType.Binary ? InvokeHandler(message.Span, binary: true) : DispatchText(message.Span);

    private (EngineCloseReason, string) OnMessageTooBig()
    {
        Log.PayloadTooLarge(_server.Logger, Id, _server.Options.MaxPayload);
        lock (_gate)
        {
            _closeStatus = WebSocketCloseStatus.MessageTooBig;
        }
        return (EngineCloseReason.TransportError, "max payload exceeded");
    }

    // A reset connection is reported like one that ended without a close frame, as the managed WebSocket does.
    private static (EngineCloseReason, string) Describe(Exception exception) =>
        exception is WebSocketException { WebSocketErrorCode: WebSocketError.ConnectionClosedPrematurely } or IOException
            ? (EngineCloseReason.TransportClose, "connection lost")
            : (EngineCloseReason.TransportError, exception.Message);

    // Keeps the connection until the writer's closing handshake ends or aborts it, then lets go of it; a connection the
    // peer ended without a close frame is aborted by the drain, with no handshake waited for.
    private async Task ReleaseAsync(EngineWebSocket socket)
    {
        try
        {
            await socket.DrainAsync();
            await socket.WhenClosed();
        }
        finally
        {
            ForgetTransport(socket);
        }
    }
}
