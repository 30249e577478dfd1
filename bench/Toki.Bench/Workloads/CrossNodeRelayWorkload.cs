namespace Toki.Bench.Workloads;

/// <summary>
/// Cross-node relay: pairs of clients split over the two servers of a Redis streams cluster, each sending its peer
/// relays (<c>relay({to: peerSocketId, ...})</c>, about 300 bytes, with an ack callback) that the server passes on
/// with <c>io.to(peer).emit</c>, so every message crosses Redis: the sender's server adds it to the stream, the
/// peer's server reads it back and delivers it. First a fixed offered load, for the latency from the sender's timestamp
/// to the arrival at the peer; then full speed, each client keeping a window of relays that have not yet reached its
/// peer (the sender's ack comes before the message crosses Redis, so only arrival can bound what is in flight).
/// </summary>
public static class CrossNodeRelayWorkload
{
    public static async Task RunAsync(WorkloadContext context)
    {
        var options = context.Options;
        var cluster = context.Cluster!;
        var pairs = options.CrossNodePairs;
        var first = new ClientConnector(cluster.Nodes[0]);
        var second = new ClientConnector(cluster.Nodes[1]);
        var left = await context.ConnectAsync(first, [.. Enumerable.Range(0, pairs).Select(i => $"left-{i}")], 32, captureEvents: false);
        var right = await context.ConnectAsync(second, [.. Enumerable.Range(0, pairs).Select(i => $"right-{i}")], 32, captureEvents: false);
        var clients = left.Concat(right).ToArray();
        try
        {
            var messages = left.Select(l => RelayMessage.ToPeer(right[Array.IndexOf(left, l)].SocketId!))
                .Concat(right.Select(r => RelayMessage.ToPeer(left[Array.IndexOf(right, r)].SocketId!))).ToArray();
            var probe = new RelayProbe();
            foreach (var client in clients)
            {
                client.OnRelay = probe.OnRelay;
            }
            await FixedLoadAsync(context, clients, messages, probe);
            await FullSpeedAsync(context, left, right, messages, probe);
        }
        finally
        {
            await WorkloadContext.DisposeAllAsync(clients);
        }
    }

    private static async Task FullSpeedAsync(WorkloadContext context, BenchClient[] left, BenchClient[] right, RelayMessage[] messages, RelayProbe probe)
    {
        var options = context.Options;
        var clients = left.Concat(right).ToArray();
        // Not disposed: a relay still in flight after the stop may release one from the receive loop.
        var windows = clients.Select(_ => new SemaphoreSlim(options.RelayWindow)).ToArray();
        var senderOf = new Dictionary<BenchClient, SemaphoreSlim>();
        for (var i = 0; i < left.Length; i++)
        {
            senderOf[left[i]] = windows[left.Length + i];
            senderOf[right[i]] = windows[i];
        }
        foreach (var client in clients)
        {
            client.OnRelay = (receiver, frame) =>
            {
                probe.OnRelay(receiver, frame);
                senderOf[receiver].Release();
            };
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var senders = clients.Select((client, i) => SendWindowedAsync(client, messages[i], windows[i], stop.Token)).ToArray();

        await context.PauseAsync(options.Warmup);
        var (received, servers, redis) = (probe.Received, context.SampleServer(), context.SampleRedis());
        await context.PauseAsync(options.RelayDuration);
        var (receivedAfter, serversAfter, redisAfter) = (probe.Received, context.SampleServer(), context.SampleRedis());
        stop.Cancel();
        await Task.WhenAll(senders);
        await context.PauseAsync(TimeSpan.FromMilliseconds(500));

        var seconds = TimeProvider.System.GetElapsedTime(servers.Timestamp, serversAfter.Timestamp).TotalSeconds;
        var pairs = options.CrossNodePairs;
        context.Record($"cross-node relay msgs/s, {pairs} pairs", "msg/s", (receivedAfter - received) / seconds);
        context.Record($"cross-node relay CPU of both servers, {pairs} pairs", "cores", ProcessSample.CoresUsed(servers, serversAfter));
        context.Record($"cross-node relay Redis CPU, {pairs} pairs", "cores", ProcessSample.CoresUsed(redis, redisAfter));
    }

    private static async Task SendWindowedAsync(BenchClient client, RelayMessage message, SemaphoreSlim window, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await window.WaitAsync(stop);
                // Never cancel a send: cancelling a WebSocket send aborts the connection.
                await client.SendRelayAsync(message, TimeProvider.System.GetTimestamp(), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task FixedLoadAsync(WorkloadContext context, BenchClient[] clients, RelayMessage[] messages, RelayProbe probe)
    {
        var options = context.Options;
        var perClient = (double)options.CrossNodeRate / clients.Length;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var senders = clients.Select((client, i) => SendPacedAsync(client, messages[i], perClient, stop.Token)).ToArray();

        await context.PauseAsync(options.Warmup);
        var recorder = new LatencyRecorder((int)Math.Min(20_000_000, options.CrossNodeRate * (options.RelayDuration.TotalSeconds + 5)));
        probe.Latencies = recorder;
        var (received, servers) = (probe.Received, context.SampleServer());
        await context.PauseAsync(options.RelayDuration);
        var (receivedAfter, serversAfter) = (probe.Received, context.SampleServer());
        probe.Latencies = null;
        stop.Cancel();
        await Task.WhenAll(senders);

        var seconds = TimeProvider.System.GetElapsedTime(servers.Timestamp, serversAfter.Timestamp).TotalSeconds;
        var percentiles = recorder.Percentiles();
        var rate = options.CrossNodeRate;
        context.Record($"cross-node relay at {rate} msg/s: delivered", "msg/s", (receivedAfter - received) / seconds);
        context.Record($"cross-node relay at {rate} msg/s: CPU of both servers", "cores", ProcessSample.CoresUsed(servers, serversAfter));
        if (percentiles.Length > 0)
        {
            context.Record("cross-node relay latency p50", "ms", LatencyRecorder.At(percentiles, 50));
            context.Record("cross-node relay latency p99", "ms", LatencyRecorder.At(percentiles, 99));
            context.Record("cross-node relay latency p99.9", "ms", LatencyRecorder.At(percentiles, 99.9));
        }
    }

    private static async Task SendPacedAsync(BenchClient client, RelayMessage message, double perSecond, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.001, 1 / perSecond));
        var started = TimeProvider.System.GetTimestamp();
        long sent = 0;
        try
        {
            await Task.Delay(period * Random.Shared.NextDouble(), TimeProvider.System, stop);
            using var timer = new PeriodicTimer(period, TimeProvider.System);
            do
            {
                var due = (long)(TimeProvider.System.GetElapsedTime(started).TotalSeconds * perSecond);
                while (sent < due && !stop.IsCancellationRequested)
                {
                    await client.SendRelayAsync(message, TimeProvider.System.GetTimestamp(), CancellationToken.None);
                    sent++;
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
