namespace Toki.Bench.Workloads;

/// <summary>
/// The relay as issue 15 measures it: server CPU per unit of work. P pairs (200) in active calls send each other
/// ~260-byte <c>call:ice</c> candidates, every one with an ack as the contract says. At saturation each client keeps
/// up to W (32) relays unacknowledged: relays per server CPU-second. Then a steady open-loop load (5,000 relays/s in
/// total, each client paced on its own clock, one relay per frame whether or not acks came back): server CPU per
/// relay, relays per server CPU-second, and the one-way latency (send timestamp to arrival at the peer).
/// </summary>
public static class RelayCpuWorkload
{
    public static async Task RunAsync(WorkloadContext context)
    {
        var options = context.Options;
        var connector = new ClientConnector(context.Host.BaseUrl);
        await using var pairs = await RelayPairs.EstablishAsync(context, connector, "cpu", options.CpuPairs, RelayMessage.IceOnly);
        await SaturationAsync(context, pairs.Clients, pairs.Messages, pairs.Probe);
        await SteadyAsync(context, pairs.Clients, pairs.Messages, pairs.Probe);
    }

    private static async Task SaturationAsync(WorkloadContext context, BenchClient[] clients, RelayMessage[] messages, RelayProbe probe)
    {
        var options = context.Options;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var senders = clients.Select((client, i) => RelayWorkload.SendAtFullSpeedAsync(client, messages[i], options.CpuWindow, stop.Token)).ToArray();
        await context.PauseAsync(options.Warmup);
        var (received, server) = (probe.Received, context.SampleServer());
        await context.PauseAsync(options.RelayDuration);
        var (receivedAfter, serverAfter) = (probe.Received, context.SampleServer());
        stop.Cancel();
        await Task.WhenAll(senders);
        await context.PauseAsync(TimeSpan.FromMilliseconds(500));

        var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
        var rate = (receivedAfter - received) / seconds;
        var cores = ProcessSample.CoresUsed(server, serverAfter);
        var label = $"{options.CpuPairs} pairs × {options.CpuWindow} in flight";
        context.Record($"saturated relays/s ({label})", "msg/s", rate);
        context.Record($"saturated server CPU ({label})", "cores", cores);
        if (cores > 0)
        {
            context.Record(SaturatedPerCpuMetric(options), "msg/CPU-s", rate / cores);
        }
    }

    private static async Task SteadyAsync(WorkloadContext context, BenchClient[] clients, RelayMessage[] messages, RelayProbe probe)
    {
        var options = context.Options;
        var perClient = (double)options.CpuRate / clients.Length;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var senders = clients.Select((client, i) => RelayWorkload.SendPacedAsync(client, messages[i], perClient, stop.Token)).ToArray();
        await context.PauseAsync(options.Warmup);
        var recorder = new LatencyRecorder((int)Math.Min(20_000_000, options.CpuRate * (options.RelayDuration.TotalSeconds + 5)));
        probe.Latencies = recorder;
        var (received, server, switches) = (probe.Received, context.SampleServer(), ProcessSample.ContextSwitches(context.Host.Pid));
        await context.PauseAsync(options.RelayDuration);
        var (receivedAfter, serverAfter, switchesAfter) = (probe.Received, context.SampleServer(), ProcessSample.ContextSwitches(context.Host.Pid));
        probe.Latencies = null;
        stop.Cancel();
        await Task.WhenAll(senders);

        var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
        var rate = (receivedAfter - received) / seconds;
        var cores = ProcessSample.CoresUsed(server, serverAfter);
        var label = $"steady {options.CpuRate} relays/s";
        context.Record($"{label}: delivered", "msg/s", rate);
        context.Record($"{label}: server CPU per relay", "µs", rate > 0 ? cores * 1e6 / rate : 0);
        if (cores > 0)
        {
            context.Record(SteadyPerCpuMetric(options), "msg/CPU-s", rate / cores);
        }
        if (receivedAfter > received)
        {
            var relays = (double)(receivedAfter - received);
            context.Record($"{label}: server thread wake-ups per relay", "switches", (switchesAfter.Voluntary - switches.Voluntary) / relays);
            context.Record($"{label}: server preemptions per relay", "switches", (switchesAfter.Involuntary - switches.Involuntary) / relays);
        }
        var percentiles = recorder.Percentiles();
        if (percentiles.Length > 0)
        {
            context.Record($"{label}: one-way p50", "ms", LatencyRecorder.At(percentiles, 50));
            context.Record(SteadyP99Metric(options), "ms", LatencyRecorder.At(percentiles, 99));
            context.Record(SteadyP999Metric(options), "ms", LatencyRecorder.At(percentiles, 99.9));
        }
    }

    public static string SaturatedPerCpuMetric(BenchOptions options) => $"saturated relays per server CPU-second ({options.CpuPairs} pairs × {options.CpuWindow} in flight)";

    public static string SteadyPerCpuMetric(BenchOptions options) => $"steady {options.CpuRate} relays/s: relays per server CPU-second";

    public static string SteadyP99Metric(BenchOptions options) => $"steady {options.CpuRate} relays/s: one-way p99";

    public static string SteadyP999Metric(BenchOptions options) => $"steady {options.CpuRate} relays/s: one-way p99.9";
}
