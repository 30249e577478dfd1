using System.Globalization;
using System.Text;
using Toki.Bench.Workloads;

namespace Toki.Bench;

/// <summary>The report: per metric the median over rounds for each server, Toki ÷ Node, and the issue's target where it has one.</summary>
public static class ResultTable
{
    public static string Render(BenchResults results, BenchOptions options)
    {
        var text = new StringBuilder();
        var loads = results.LoadAverages;
        var load = loads.Count == 0 ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{loads.Min():0.00}–{loads.Max():0.00} (median {loads.Order().ElementAt(loads.Count / 2):0.00})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineShape()}");
        var underLoad = results.StartedQuiet == false ? " (the machine never quieted; numbers taken under load)" : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"Rounds: {options.Rounds}; 1-min load average during the run: {load}{underLoad}");
        if (results.Failures.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Failed measurements ({results.Failures.Count}): {string.Join("; ", results.Failures.Select(f => f.Split('\n')[0]))}");
        }
        text.AppendLine();
        text.AppendLine("| metric | unit | Toki | Node | Toki ÷ Node | target |");
        text.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var (metric, unit) in results.Metrics())
        {
            var toki = results.Median(metric, ServerKind.Toki);
            var node = results.Median(metric, ServerKind.Node);
            var ratio = toki is { } t && node is { } n && n != 0 ? t / n : (double?)null;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {metric} | {unit} | {Format(toki)} | {Format(node)} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–")} | {Target(metric, options, toki, ratio)} |");
        }
        return text.ToString();
    }

    /// <summary>Cores, memory, OS and runtimes, as the report states them.</summary>
    public static string MachineShape()
    {
        var memoryKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "Linux"
            : "Linux";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {long.Parse(memoryKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0} GiB, {os}, .NET {Environment.Version}, Node {NodeVersion()}");
    }

    private static string NodeVersion()
    {
        try
        {
            using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true });
            var version = node!.StandardOutput.ReadToEnd().Trim();
            node.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string Target(string metric, BenchOptions options, double? toki, double? ratio)
    {
        var headline = $"relay msgs/s, {options.RelayPairs.Max()} pairs";
        return metric switch
        {
            _ when metric == headline => Check("≥ 2×", AtLeast(ratio, 2)),
            "relay latency p99" => Check("≤ 1× (no worse)", AtMost(ratio, 1)),
            "storm connects/s" => Check("≥ 1.5×", AtLeast(ratio, 1.5)),
            "idle memory per connection" => Check("≤ 0.5×", AtMost(ratio, 0.5)),
            _ when metric.StartsWith("idle connections held", StringComparison.Ordinal) => Check($"Toki holds all {options.IdleClients}", toki >= options.IdleClients),
            "call setups/s" => Check("≥ 1.5× (durable)", AtLeast(ratio, 1.5)),
            "server CPU per connect (JWT handshake to first call:state)" => Check("≤ 0.33× (3× less)", AtMost(ratio, 1 / 3.0)),
            _ when metric == RelayCpuWorkload.SaturatedPerCpuMetric(options) => Check("≥ 3×", AtLeast(ratio, 3)),
            _ when metric == RelayCpuWorkload.SteadyPerCpuMetric(options) => Check("≥ 2×", AtLeast(ratio, 2)),
            _ when metric == RelayCpuWorkload.SteadyP99Metric(options) => Check("≤ 0.5×", AtMost(ratio, 0.5)),
            _ when metric == RelayCpuWorkload.SteadyP999Metric(options) => Check("≤ 0.5×", AtMost(ratio, 0.5)),
            _ => "",
        };
    }

    private static bool? AtLeast(double? ratio, double bound) => ratio is { } r ? r >= bound : null;

    private static bool? AtMost(double? ratio, double bound) => ratio is { } r ? r <= bound : null;

    private static string Check(string target, bool? met) => met switch
    {
        true => target + " ✅",
        false => target + " ❌",
        null => target,
    };

    private static string Format(double? value) => value switch
    {
        null => "–",
        >= 100 => value.Value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
