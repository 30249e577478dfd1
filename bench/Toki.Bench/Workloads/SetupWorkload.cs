namespace Toki.Bench.Workloads;

/// <summary>
/// Call setup: pairs run whole calls back to back (request → incoming → accept → proceed → joined ×2 →
/// started → end → ended), every step acked. Completed cycles per second over all pairs, and the cycle time.
/// Toki commits each step to SQLite before it answers; the Node reference keeps everything in memory.
/// </summary>
public static class SetupWorkload
{
    public static async Task RunAsync(WorkloadContext context)
    {
        var options = context.Options;
        var users = Enumerable.Range(0, options.SetupPairs * 2).Select(i => $"setup-{i}").ToArray();
        await context.Host.SeedUsersAsync(users, context.CancellationToken);
        using var connector = new ClientConnector(context.Host.BaseUrl);
        var clients = await context.ConnectAsync(connector, users, 64, captureEvents: true);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            var state = new SetupCounters();
            var pairs = Enumerable.Range(0, options.SetupPairs)
                .Select(i => CycleAsync(clients[2 * i], clients[(2 * i) + 1], state, stop.Token)).ToArray();

            await context.PauseAsync(options.Warmup);
            var recorder = new LatencyRecorder(1_000_000);
            state.Latencies = recorder;
            var (cycles, server, self) = (state.Cycles, context.SampleServer(), ProcessSample.Self());
            await context.PauseAsync(options.SetupDuration);
            var (cyclesAfter, serverAfter, selfAfter) = (state.Cycles, context.SampleServer(), ProcessSample.Self());
            state.Latencies = null;
            stop.Cancel();
            await Task.WhenAll(pairs);

            var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
            var rate = (cyclesAfter - cycles) / seconds;
            var serverCores = ProcessSample.CoresUsed(server, serverAfter);
            context.Record("call setups/s", "calls/s", rate);
            context.Record("call setup server CPU", "cores", serverCores);
            if (rate > 0)
            {
                context.Record("call setup server CPU per cycle", "ms", serverCores * 1000 / rate);
            }
            context.Record("call setup generator CPU", "cores", ProcessSample.CoresUsed(self, selfAfter));
            var percentiles = recorder.Percentiles();
            if (percentiles.Length > 0)
            {
                context.Record("call cycle time p50", "ms", LatencyRecorder.At(percentiles, 50));
                context.Record("call cycle time p99", "ms", LatencyRecorder.At(percentiles, 99));
            }
        }
        finally
        {
            await WorkloadContext.DisposeAllAsync(clients);
        }
    }

    private static async Task CycleAsync(BenchClient caller, BenchClient callee, SetupCounters state, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var started = TimeProvider.System.GetTimestamp();
                var callId = await CallCycle.EstablishAsync(caller, callee, stop);
                await CallCycle.EndAsync(caller, callee, callId, stop);
                state.Completed(TimeProvider.System.GetTimestamp() - started);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
