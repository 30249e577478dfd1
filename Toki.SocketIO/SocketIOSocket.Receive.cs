using System.Text.Json;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

public sealed partial class SocketIOSocket
{
    /// <summary>Runs the handler for a received event; its arguments live until the handler's task completes.</summary>
    internal void HandleEvent(SocketIOPacket packet, IReadOnlyList<byte[]>? attachments)
    {
        var payload = packet.DetachPayload()!;
        var name = payload.RootElement[0];
        var eventName = name.ValueKind == JsonValueKind.String ? name.GetString()! : name.GetRawText();
        var args = new SocketIOArgs(payload, first: 1, attachments, packet.PayloadLength, Namespace.Server.JsonOptions);
        Namespace.Server.Listener?.OnEventReceived(this, eventName, args);
        var handler = FindHandler(eventName) ?? Namespace.FindHandler(eventName);
        if (handler is null)
        {
            args.Dispose();
            return;
        }

        var context = new SocketIOEventContext(this, eventName, args, packet.AckId);
        ValueTask pending;
        try
        {
            pending = handler(context);
        }
        catch (Exception exception)
        {
            Namespace.Server.LogHandlerFailure(this, eventName, exception);
            args.Dispose();
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            args.Dispose();
            return;
        }
        _ = AwaitHandlerAsync(pending, context);
    }

    internal void HandleAck(SocketIOPacket packet, IReadOnlyList<byte[]>? attachments)
    {
        if (packet.AckId is not { } id)
        {
            packet.Dispose();
            return;
        }
        var args = new SocketIOArgs(packet.DetachPayload(), first: 0, attachments, packet.PayloadLength, Namespace.Server.JsonOptions);
        CompleteAck(id, args);
    }

    private async Task AwaitHandlerAsync(ValueTask pending, SocketIOEventContext context)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            Namespace.Server.LogHandlerFailure(this, context.EventName, exception);
        }
        finally
        {
            context.Args.Dispose();
        }
    }
}
