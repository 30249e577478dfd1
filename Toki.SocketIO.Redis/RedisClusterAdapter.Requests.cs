using System.Text.Json;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis;

/// <summary>Requests that every other server answers: fetchSockets and serverSideEmit with acknowledgements.</summary>
internal sealed partial class RedisClusterAdapter
{
    public override async Task<IReadOnlyList<SocketIORemoteSocket>> FetchSocketsAsync(BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        var sockets = new List<SocketIORemoteSocket>(_local.FetchSockets(options));
        if (options.Local)
        {
            return sockets;
        }
        var timeout = options.Timeout ?? _cluster.Options.RequestsTimeout;
        var answers = await RequestAsync(Message(ClusterMessageType.FetchSockets) with { Options = options }, timeout, "fetchSockets", cancellationToken);
        foreach (var answer in answers)
        {
            using var document = JsonDocument.Parse(answer.Json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var description in document.RootElement.EnumerateArray())
            {
                if (SocketIORemoteSocket.Parse(Namespace, description) is { } socket)
                {
                    sockets.Add(socket);
                }
            }
        }
        return sockets;
    }

    public override ValueTask ServerSideEmitAsync(SocketIOData packet, CancellationToken cancellationToken = default) =>
        new(Transport.PublishAsync(Message(ClusterMessageType.ServerSideEmit) with { Packet = packet }, null));

    public override async Task<IReadOnlyList<SocketIOArgs>> ServerSideEmitWithAckAsync(SocketIOData packet, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var options = Namespace.Server.JsonOptions;
        IReadOnlyList<SocketIOData> answers;
        try
        {
            answers = await RequestAsync(Message(ClusterMessageType.ServerSideEmit) with { Packet = packet }, timeout, "serverSideEmit", cancellationToken);
        }
        catch (PartialAnswersException partial)
        {
            throw new SocketIOAckTimeoutException(EventName(packet), timeout, [.. partial.Answers.Select(a => a.ToSingleArgument(options))]);
        }
        return [.. answers.Select(a => a.ToSingleArgument(options))];
    }

    /// <summary>Publishes a request and waits for one answer from each other server (none when alone).</summary>
    private async Task<IReadOnlyList<SocketIOData>> RequestAsync(ClusterMessage request, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var expected = await ServerCountAsync(cancellationToken) - 1;
        if (expected <= 0)
        {
            return [];
        }
        var requestId = NewRequestId();
        var pending = new PendingRequest(expected, timeout, _cluster.Time);
        _requests[requestId] = pending;
        try
        {
            await Transport.PublishAsync(request with { RequestId = requestId }, null);
            return await pending.Completion.WaitAsync(cancellationToken);
        }
        catch (TimeoutException exception)
        {
            var received = pending.Received;
            RedisCluster.Log.RequestTimedOut(_cluster.Logger, what, Namespace.Name, received.Count, expected);
            throw new PartialAnswersException(exception.Message, received);
        }
        finally
        {
            _requests.TryRemove(requestId, out _);
        }
    }

    private void OnResponse(ClusterMessage response)
    {
        var requestId = response.RequestId!;
        switch (response.Type)
        {
            case ClusterMessageType.BroadcastClientCount:
                if (_ackRequests.TryGetValue(requestId, out var counted))
                {
                    counted.AddServer(response.ClientCount);
                }
                return;
            case ClusterMessageType.BroadcastAck:
                if (_ackRequests.TryGetValue(requestId, out var acked))
                {
                    acked.AddResponse(response.Value!.ToSingleArgument(Namespace.Server.JsonOptions));
                }
                return;
            case ClusterMessageType.FetchSocketsResponse or ClusterMessageType.ServerSideEmitResponse:
                if (_requests.TryGetValue(requestId, out var pending))
                {
                    pending.Add(response.Value!);
                }
                return;
        }
    }

    private static string EventName(SocketIOData packet)
    {
        using var document = JsonDocument.Parse(packet.Json);
        return document.RootElement[0].GetString() ?? "";
    }

    /// <summary>Not every server answered in time; what did arrive.</summary>
    private sealed class PartialAnswersException(string message, IReadOnlyList<SocketIOData> answers) : TimeoutException(message)
    {
        public IReadOnlyList<SocketIOData> Answers { get; } = answers;
    }
}
