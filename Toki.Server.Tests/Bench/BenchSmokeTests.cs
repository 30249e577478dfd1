using NUnit.Framework;
using Toki.Bench;

namespace Toki.Server.Tests.Bench;

/// <summary>
/// The benchmark's smoke mode (seconds, tiny loads) against both servers: every workload runs end to end
/// through the same generator and yields its numbers. It checks that the bench works, not how fast anything is.
/// The two-node call setup runs on both: two Toki.Server processes, and two call-cluster.mjs with their state in Redis.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category(TestCategories.Bench)]
internal sealed class BenchSmokeTests
{
    private static readonly string[] Metrics =
    [
        "relay msgs/s, 4 pairs",
        "relay at 400 msg/s: delivered",
        "relay latency p50",
        "relay latency p99",
        "relays per server CPU-second, 4 pairs",
        "saturated relays/s (4 pairs × 4 in flight)",
        "steady 200 relays/s: delivered",
        "steady 200 relays/s: one-way p99",
        "storm connects/s",
        "server CPU per connect (JWT handshake to first call:state)",
        "idle memory per connection",
        "call setups/s",
        "call setup server CPU per cycle",
        "cross-node relay msgs/s, 4 pairs",
        "cross-node relay latency p50",
        "two-node call setups/s",
        "two-node call setup server CPU per cycle",
    ];

    [Test]
    [CancelAfter(120_000)]
    public async Task Smoke_mode_measures_every_workload_on_both_servers(CancellationToken cancellationToken)
    {
        var output = Directory.CreateTempSubdirectory("toki-bench-smoke-");
        var log = new StringWriter();
        try
        {
            var results = await BenchRunner.RunAsync(BenchOptions.Smoke with { OutputDirectory = output.FullName }, log, cancellationToken);

            Assert.That(results.Failures, Is.Empty, "failed measurements");
            Assert.Multiple(() =>
            {
                foreach (var server in new[] { ServerKind.Toki, ServerKind.Node })
                {
                    foreach (var metric in Metrics)
                    {
                        Assert.That(results.Median(metric, server), Is.Not.Null.And.GreaterThan(0), $"{server}: {metric}");
                    }
                    Assert.That(results.Median("idle connections held (of 200)", server), Is.EqualTo(200), $"{server}: idle connections held");
                    Assert.That(results.MedianLatencyCurve(server), Is.Not.Empty, $"{server}: latency distribution");
                }
                Assert.That(Directory.GetFiles(output.FullName, "results-*.md"), Has.Length.EqualTo(1));
                Assert.That(File.Exists(Path.Combine(output.FullName, "latency.svg")), Is.True);
            });
        }
        finally
        {
            TestContext.Out.WriteLine(log.ToString());
            output.Delete(recursive: true);
        }
    }
}
