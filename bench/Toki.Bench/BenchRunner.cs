using System.Text.Json;
using Toki.Bench.Workloads;

namespace Toki.Bench;

/// <summary>
/// Runs every workload against every server, round after round, alternating which server goes first; each
/// measurement gets a freshly started server. Then prints the table of medians and ratios and writes the
/// results and the latency chart.
/// </summary>
public static class BenchRunner
{
    public static readonly IReadOnlyDictionary<string, Func<WorkloadContext, Task>> AllWorkloads = new Dictionary<string, Func<WorkloadContext, Task>>
    {
        ["relay"] = RelayWorkload.RunAsync,
        ["cpu"] = RelayCpuWorkload.RunAsync,
        ["storm"] = StormWorkload.RunAsync,
        ["idle"] = IdleWorkload.RunAsync,
        ["setup"] = SetupWorkload.RunAsync,
        ["xrelay"] = CrossNodeRelayWorkload.RunAsync,
        ["xsetup"] = SetupWorkload.RunTwoNodeAsync,
    };

    /// <summary>The workloads that run on two servers joined through Redis rather than on one server.</summary>
    public static readonly IReadOnlySet<string> ClusterWorkloads = new HashSet<string>(StringComparer.Ordinal) { "xrelay", "xsetup" };

    /// <summary>
    /// The cluster workloads that need call servers rather than relay nodes: two Toki.Server processes, or two
    /// node-reference/call-cluster.mjs processes (the Node reference with its state in Redis).
    /// </summary>
    public static readonly IReadOnlySet<string> CallClusterWorkloads = new HashSet<string>(StringComparer.Ordinal) { "xsetup" };

    public static async Task<BenchResults> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var workload in options.Workloads)
        {
            if (!AllWorkloads.ContainsKey(workload))
            {
                throw new ArgumentException($"unknown workload {workload} ({string.Join(", ", AllWorkloads.Keys)})");
            }
        }
        var results = new BenchResults();
        if (options.WaitQuiet)
        {
            results.StartedQuiet = await QuietMachine.WaitAsync(options.QuietLoad, options.QuietWaitLimit, log, cancellationToken);
        }
        var started = TimeProvider.System.GetUtcNow();
        log.WriteLine($"Toki bench: {options.Rounds} round(s) of {string.Join(", ", options.Workloads)} against {string.Join(" and ", options.Servers)}; "
            + $"{Environment.ProcessorCount} cores, load average {ProcessSample.LoadAverage():0.00}");
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var workload in options.Workloads)
            {
                // Alternate the order so neither server always runs on a machine the other has just warmed up.
                var servers = (round % 2 == 1) ? options.Servers : options.Servers.Reverse().ToArray();
                foreach (var server in servers)
                {
                    results.LoadAverages.Add(ProcessSample.LoadAverage());
                    log.WriteLine($"  round {round}: {workload} on {server} (load {ProcessSample.LoadAverage():0.00})");
                    try
                    {
                        if (ClusterWorkloads.Contains(workload))
                        {
                            await using var cluster = await ClusterHost.StartAsync(server, cancellationToken, CallClusterWorkloads.Contains(workload));
                            await RunOneAsync(workload, new WorkloadContext(cluster, options, results, round, log, cancellationToken), cluster.Tail);
                        }
                        else
                        {
                            await using var host = await ServerHost.StartAsync(server, cancellationToken);
                            await RunOneAsync(workload, new WorkloadContext(host, options, results, round, log, cancellationToken), host.Tail);
                        }
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // One failed measurement leaves a gap in the table; the other rounds still count.
                        results.Failures.Add($"round {round}, {workload} on {server}: {exception.Message}");
                        log.WriteLine($"    FAILED: {exception.Message}");
                    }
                }
            }
        }
        results.LoadAverages.Add(ProcessSample.LoadAverage());
        return await ReportAsync(results, options, started, log, cancellationToken);
    }

    private static async Task RunOneAsync(string workload, WorkloadContext context, Func<int, string> tail)
    {
        try
        {
            await AllWorkloads[workload](context);
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{exception.GetType().Name}: {exception.Message}\n--- server output ---\n{tail(20)}", exception);
        }
    }

    private static async Task<BenchResults> ReportAsync(BenchResults results, BenchOptions options, DateTimeOffset started, TextWriter log,
        CancellationToken cancellationToken)
    {
        foreach (var failure in results.Failures)
        {
            log.WriteLine("failed measurement: " + failure);
        }
        var table = ResultTable.Render(results, options);
        log.WriteLine();
        log.WriteLine(table);
        var output = options.OutputDirectory ?? BenchPaths.DefaultResults;
        Directory.CreateDirectory(output);
        var stamp = started.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(output, $"results-{stamp}.md"), table, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(output, $"results-{stamp}.json"), JsonSerializer.Serialize(new
        {
            started,
            results.StartedQuiet,
            options = options with { },
            results.LoadAverages,
            results.Failures,
            measurements = results.Measurements,
            latencyCurves = results.LatencyCurves.Select(c => new { server = c.Server.ToString(), c.Round, c.Percentiles }),
            quantiles = LatencyRecorder.Quantiles,
        }, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        if (results.LatencyCurves.Count > 0)
        {
            var chart = Path.Combine(output, "latency.svg");
            await File.WriteAllTextAsync(chart, LatencyChart.Render(results, options), cancellationToken);
            log.WriteLine($"latency chart: {chart}");
        }
        log.WriteLine($"results: {output}/results-{stamp}.md");
        return results;
    }
}
