using System.Text.Json;

namespace Toki.SocketIO;

/// <summary>Events between the servers of a cluster (the Node server's <c>serverSideEmit</c>): sent to every other server, never to clients.</summary>
public sealed partial class SocketIONamespace
{
    private static readonly HashSet<string> ReservedServerEvents = new(StringComparer.Ordinal) { "connect", "connection", "new_namespace" };

    /// <summary>Handles <paramref name="eventName"/> when another server emits it with <c>serverSideEmit</c>.</summary>
    public SocketIONamespace OnServerSideEmit(string eventName, SocketIOServerEventHandler handler)
    {
        _serverHandlers[eventName] = handler;
        return this;
    }

    /// <summary>Sends an event to the other servers of the cluster (not to this one's handlers).</summary>
    public ValueTask ServerSideEmitAsync(string eventName, params object?[] args)
    {
        CheckServerEventName(eventName);
        return Adapter.ServerSideEmitAsync(SocketIOData.FromEvent(eventName, args, Server.JsonOptions));
    }

    /// <summary>
    /// Sends an event to the other servers and waits for each one's answer (one value each; none when alone). Fails
    /// with <see cref="SocketIOAckTimeoutException"/> carrying the answers so far when some server does not answer in
    /// time. The caller disposes the answers.
    /// </summary>
    public Task<IReadOnlyList<SocketIOArgs>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        CheckServerEventName(eventName);
        return Adapter.ServerSideEmitWithAckAsync(SocketIOData.FromEvent(eventName, args, Server.JsonOptions), timeout);
    }

    /// <summary>
    /// Runs the handler of an event another server sent (<paramref name="packet"/> is <c>["name", args...]</c>);
    /// <paramref name="ack"/>, when that server waits for an answer, takes it. For adapters. Without a handler nothing
    /// answers, as with the Node server.
    /// </summary>
    public void ReceiveServerSideEmit(SocketIOData packet, Action<SocketIOData>? ack)
    {
        SocketIOArgs args;
        try
        {
            args = packet.ToArgs(first: 1, Server.JsonOptions);
        }
        catch (JsonException)
        {
            return;
        }
        var name = ReadEventName(packet);
        if (name is null || !_serverHandlers.TryGetValue(name, out var handler))
        {
            args.Dispose();
            return;
        }
        var serverEvent = new SocketIOServerEvent(this, name, args, ack);
        ValueTask pending;
        try
        {
            pending = handler(serverEvent);
        }
        catch (Exception exception)
        {
            Server.LogServerEventFailure(Name, name, exception);
            args.Dispose();
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            args.Dispose();
            return;
        }
        _ = AwaitServerEventAsync(pending, serverEvent);
    }

    private async Task AwaitServerEventAsync(ValueTask pending, SocketIOServerEvent serverEvent)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            Server.LogServerEventFailure(Name, serverEvent.EventName, exception);
        }
        finally
        {
            serverEvent.Args.Dispose();
        }
    }

    private static string? ReadEventName(SocketIOData packet)
    {
        var reader = new Utf8JsonReader(packet.Json.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : null;
    }

    private static void CheckServerEventName(string eventName)
    {
        if (ReservedServerEvents.Contains(eventName))
        {
            throw new ArgumentException($"'{eventName}' is a reserved event name.", nameof(eventName));
        }
    }
}
