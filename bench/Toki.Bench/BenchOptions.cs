using System.Globalization;

namespace Toki.Bench;

/// <summary>What to run and how hard; <see cref="Smoke"/> gives the seconds-long variant the test suite runs.</summary>
public sealed record BenchOptions
{
    public int Rounds { get; init; } = 3;

    public IReadOnlyList<ServerKind> Servers { get; init; } = [ServerKind.Toki, ServerKind.Node];

    public IReadOnlyList<string> Workloads { get; init; } = ["relay", "cpu", "storm", "idle", "setup", "xrelay", "xsetup"];

    /// <summary>Pair counts for the full-speed relay; the last one is the headline number.</summary>
    public IReadOnlyList<int> RelayPairs { get; init; } = [8, 64];

    /// <summary>Each relaying client keeps at most this many messages unacknowledged at full speed.</summary>
    public int RelayWindow { get; init; } = 16;

    /// <summary>Pairs and total messages per second of the fixed-load relay (the latency measurement).</summary>
    public int LatencyPairs { get; init; } = 64;

    public int LatencyRate { get; init; } = 5_000;

    /// <summary>Pairs of the issue-15 relay workload (<c>cpu</c>): saturation and the steady load both use them.</summary>
    public int CpuPairs { get; init; } = 200;

    /// <summary>Relays each client of the <c>cpu</c> workload keeps unacknowledged at saturation.</summary>
    public int CpuWindow { get; init; } = 32;

    /// <summary>Relays per second offered in total, open loop, in the <c>cpu</c> workload's steady phase.</summary>
    public int CpuRate { get; init; } = 5_000;

    public TimeSpan RelayDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public int StormClients { get; init; } = 4_000;

    public int StormConcurrency { get; init; } = 64;

    public int IdleClients { get; init; } = 10_000;

    public TimeSpan IdleHold { get; init; } = TimeSpan.FromSeconds(30);

    public int SetupPairs { get; init; } = 50;

    /// <summary>Client pairs of the cross-node relay (one client of each pair on each server).</summary>
    public int CrossNodePairs { get; init; } = 32;

    /// <summary>Messages per second offered in total in the cross-node relay's latency measurement.</summary>
    public int CrossNodeRate { get; init; } = 2_000;

    public TimeSpan SetupDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the results JSON and the chart go.</summary>
    public string? OutputDirectory { get; init; }

    public bool IsSmoke { get; init; }

    /// <summary>Wait (up to <see cref="QuietWaitLimit"/>) for a 1-minute load average below <see cref="QuietLoad"/> first.</summary>
    public bool WaitQuiet { get; init; }

    public double QuietLoad { get; init; } = 0.5;

    public TimeSpan QuietWaitLimit { get; init; } = TimeSpan.FromMinutes(90);

    public static BenchOptions Smoke => new()
    {
        IsSmoke = true,
        Rounds = 1,
        RelayPairs = [4],
        RelayWindow = 8,
        LatencyPairs = 4,
        LatencyRate = 400,
        CpuPairs = 4,
        CpuWindow = 4,
        CpuRate = 200,
        RelayDuration = TimeSpan.FromSeconds(1),
        Warmup = TimeSpan.FromMilliseconds(300),
        StormClients = 100,
        StormConcurrency = 16,
        IdleClients = 200,
        IdleHold = TimeSpan.FromSeconds(1),
        SetupPairs = 4,
        SetupDuration = TimeSpan.FromSeconds(1),
        CrossNodePairs = 4,
        CrossNodeRate = 200,
    };

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--smoke") ? Smoke : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--smoke" => options,
                "--rounds" => options with { Rounds = Int(Next()) },
                "--servers" => options with { Servers = [.. Next().Split(',').Select(ParseServer)] },
                "--workloads" => options with { Workloads = [.. Next().Split(',')] },
                "--relay-pairs" => options with { RelayPairs = [.. Next().Split(',').Select(Int)] },
                "--relay-window" => options with { RelayWindow = Int(Next()) },
                "--latency-pairs" => options with { LatencyPairs = Int(Next()) },
                "--latency-rate" => options with { LatencyRate = Int(Next()) },
                "--cpu-pairs" => options with { CpuPairs = Int(Next()) },
                "--cpu-window" => options with { CpuWindow = Int(Next()) },
                "--cpu-rate" => options with { CpuRate = Int(Next()) },
                "--relay-seconds" => options with { RelayDuration = Seconds(Next()) },
                "--warmup-seconds" => options with { Warmup = Seconds(Next()) },
                "--storm-clients" => options with { StormClients = Int(Next()) },
                "--storm-concurrency" => options with { StormConcurrency = Int(Next()) },
                "--idle-clients" => options with { IdleClients = Int(Next()) },
                "--idle-seconds" => options with { IdleHold = Seconds(Next()) },
                "--setup-pairs" => options with { SetupPairs = Int(Next()) },
                "--setup-seconds" => options with { SetupDuration = Seconds(Next()) },
                "--cross-pairs" => options with { CrossNodePairs = Int(Next()) },
                "--cross-rate" => options with { CrossNodeRate = Int(Next()) },
                "--out" => options with { OutputDirectory = Next() },
                "--wait-quiet" => options with { WaitQuiet = true },
                "--quiet-load" => options with { QuietLoad = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--quiet-minutes" => options with { QuietWaitLimit = TimeSpan.FromMinutes(Int(Next())) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));

    private static ServerKind ParseServer(string value) => value.ToLowerInvariant() switch
    {
        "toki" => ServerKind.Toki,
        "node" => ServerKind.Node,
        _ => throw new ArgumentException($"unknown server {value} (toki, node)"),
    };
}
