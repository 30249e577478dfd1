namespace Toki.Bench.Workloads;

/// <summary>
/// Signalling relay: call pairs in active calls send each other <c>call:ice</c> and <c>call:signal</c>, every
/// one with an ack callback. First at full speed (each client keeps a window of unacknowledged relays) for each
/// pair count: delivered messages per second. Then at a fixed offered load, paced per client: the latency
/// from the sender's timestamp in the payload to its arrival at the peer.
/// </summary>
public static class RelayWorkload
{
    public static async Task RunAsync(WorkloadContext context)
    {
        var options = context.Options;
        var pairCount = Math.Max(options.RelayPairs.Max(), options.LatencyPairs);
        var connector = new ClientConnector(context.Host.BaseUrl);
        await using var pairs = await RelayPairs.EstablishAsync(context, connector, "relay", pairCount, callId => new RelayMessage(callId));
        foreach (var count in options.RelayPairs)
        {
            await FullSpeedAsync(context, pairs.Clients[..(count * 2)], pairs.Messages, pairs.Probe, count);
        }
        await FixedLoadAsync(context, pairs.Clients[..(options.LatencyPairs * 2)], pairs.Messages, pairs.Probe);
    }

    private static async Task FullSpeedAsync(WorkloadContext context, BenchClient[] clients, RelayMessage[] messages, RelayProbe probe, int pairs)
    {
        var options = context.Options;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var senders = clients.Select((client, i) => SendAtFullSpeedAsync(client, messages[i], options.RelayWindow, stop.Token)).ToArray();

        await context.PauseAsync(options.Warmup);
        var (received, server, self) = (probe.Received, context.SampleServer(), ProcessSample.Self());
        await context.PauseAsync(options.RelayDuration);
        var (receivedAfter, serverAfter, selfAfter) = (probe.Received, context.SampleServer(), ProcessSample.Self());
        stop.Cancel();
        await Task.WhenAll(senders);
        await context.PauseAsync(TimeSpan.FromMilliseconds(500));

        var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
        context.Record($"relay msgs/s, {pairs} pairs", "msg/s", (receivedAfter - received) / seconds);
        var cores = ProcessSample.CoresUsed(server, serverAfter);
        context.Record($"relay server CPU, {pairs} pairs", "cores", cores);
        if (cores > 0)
        {
            context.Record($"relays per server CPU-second, {pairs} pairs", "msg/CPU-s", (receivedAfter - received) / seconds / cores);
        }
        context.Record($"relay generator CPU, {pairs} pairs", "cores", ProcessSample.CoresUsed(self, selfAfter));
    }

    internal static async Task SendAtFullSpeedAsync(BenchClient client, RelayMessage message, int window, CancellationToken stop)
    {
        // Not disposed: an ack still in flight after the stop may release it from the receive loop.
        var permits = new SemaphoreSlim(window);
        client.OnBareAck = _ => permits.Release();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await permits.WaitAsync(stop);
                // Never cancel a send: cancelling a WebSocket send aborts the connection.
                await client.SendRelayAsync(message, TimeProvider.System.GetTimestamp(), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            client.OnBareAck = null;
        }
    }

    private static async Task FixedLoadAsync(WorkloadContext context, BenchClient[] clients, RelayMessage[] messages, RelayProbe probe)
    {
        var options = context.Options;
        var perClient = (double)options.LatencyRate / clients.Length;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var senders = clients.Select((client, i) => SendPacedAsync(client, messages[i], perClient, stop.Token)).ToArray();

        await context.PauseAsync(options.Warmup);
        var recorder = new LatencyRecorder((int)Math.Min(20_000_000, options.LatencyRate * (options.RelayDuration.TotalSeconds + 5)));
        probe.Latencies = recorder;
        var (received, server) = (probe.Received, context.SampleServer());
        await context.PauseAsync(options.RelayDuration);
        var (receivedAfter, serverAfter) = (probe.Received, context.SampleServer());
        probe.Latencies = null;
        stop.Cancel();
        await Task.WhenAll(senders);

        var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
        var percentiles = recorder.Percentiles();
        context.Record($"relay at {options.LatencyRate} msg/s: delivered", "msg/s", (receivedAfter - received) / seconds);
        context.Record($"relay at {options.LatencyRate} msg/s: server CPU", "cores", ProcessSample.CoresUsed(server, serverAfter));
        if (percentiles.Length > 0)
        {
            context.Record("relay latency p50", "ms", LatencyRecorder.At(percentiles, 50));
            context.Record("relay latency p99", "ms", LatencyRecorder.At(percentiles, 99));
            context.Record("relay latency p99.9", "ms", LatencyRecorder.At(percentiles, 99.9));
            context.RecordLatencyCurve(percentiles);
        }
    }

    internal static async Task SendPacedAsync(BenchClient client, RelayMessage message, double perSecond, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.001, 1 / perSecond));
        var started = TimeProvider.System.GetTimestamp();
        long sent = 0;
        // Each client starts at a random phase so that the pairs' ticks do not line up into bursts.
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
