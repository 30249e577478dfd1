namespace Toki.Bench.Workloads;

/// <summary>
/// Call setup: pairs run whole calls back to back (request → incoming → accept → proceed → joined ×2 →
/// started → end → ended), every step acked. Completed cycles per second over all pairs, and the cycle time.
/// Toki commits each step to SQLite before it answers; the Node reference keeps everything in memory.
/// The two-node variant (<c>xsetup</c>) runs the same cycles with every caller on the cluster's first server and every
/// callee on the second, so each step crosses Redis (Toki: two Toki.Server on one SQLite file; Node: two call-cluster.mjs
/// with the state in Redis); its metrics are prefixed "two-node" and the CPU is both servers'.
/// </summary>
public static class SetupWorkload
{
    public static Task RunAsync(WorkloadContext context) =>
        RunAsync(context, context.Host.BaseUrl, context.Host.BaseUrl, "", context.Host.SeedUsersAsync);

    public static Task RunTwoNodeAsync(WorkloadContext context)
    {
        var cluster = context.Cluster!;
        return RunAsync(context, cluster.Nodes[0], cluster.Nodes[1], "two-node ",
            (users, ct) => ServerHost.SeedUsersAsync(cluster.Nodes[0], cluster.Kind, users, ct));
    }

    private static async Task RunAsync(WorkloadContext context, Uri callerServer, Uri calleeServer, string prefix,
        Func<IEnumerable<string>, CancellationToken, Task> seed)
    {
        var options = context.Options;
        var users = Enumerable.Range(0, options.SetupPairs * 2).Select(i => $"setup-{i}").ToArray();
        await seed(users, context.CancellationToken);
        var callerConnector = new ClientConnector(callerServer);
        var calleeConnector = new ClientConnector(calleeServer);
        var callers = await context.ConnectAsync(callerConnector, [.. users.Where((_, i) => i % 2 == 0)], 64, captureEvents: true);
        BenchClient[] callees;
        try
        {
            callees = await context.ConnectAsync(calleeConnector, [.. users.Where((_, i) => i % 2 == 1)], 64, captureEvents: true);
        }
        catch
        {
            await WorkloadContext.DisposeAllAsync(callers);
            throw;
        }
        var clients = callers.Concat(callees).ToArray();
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            var state = new SetupCounters();
            var pairs = Enumerable.Range(0, options.SetupPairs)
                .Select(i => CycleAsync(callers[i], callees[i], state, stop.Token)).ToArray();

            await context.PauseAsync(options.Warmup);
            var recorder = new LatencyRecorder(1_000_000);
            state.Latencies = recorder;
            var (cycles, server, self, redis) = (state.Cycles, context.SampleServer(), ProcessSample.Self(), SampleRedis(context));
            await context.PauseAsync(options.SetupDuration);
            var (cyclesAfter, serverAfter, selfAfter, redisAfter) = (state.Cycles, context.SampleServer(), ProcessSample.Self(), SampleRedis(context));
            state.Latencies = null;
            stop.Cancel();
            await Task.WhenAll(pairs);

            var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
            var rate = (cyclesAfter - cycles) / seconds;
            var serverCores = ProcessSample.CoresUsed(server, serverAfter);
            context.Record(prefix + "call setups/s", "calls/s", rate);
            context.Record(prefix + "call setup server CPU", "cores", serverCores);
            if (redis is { } before && redisAfter is { } after)
            {
                context.Record(prefix + "call setup Redis CPU", "cores", ProcessSample.CoresUsed(before, after));
            }
            if (rate > 0)
            {
                context.Record(prefix + "call setup server CPU per cycle", "ms", serverCores * 1000 / rate);
            }
            context.Record(prefix + "call setup generator CPU", "cores", ProcessSample.CoresUsed(self, selfAfter));
            var percentiles = recorder.Percentiles();
            if (percentiles.Length > 0)
            {
                context.Record(prefix + "call cycle time p50", "ms", LatencyRecorder.At(percentiles, 50));
                context.Record(prefix + "call cycle time p99", "ms", LatencyRecorder.At(percentiles, 99));
            }
        }
        finally
        {
            await WorkloadContext.DisposeAllAsync(clients);
        }
    }

    private static ProcessSample? SampleRedis(WorkloadContext context) => context.Cluster is null ? null : context.SampleRedis();

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
