using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd.Browser;

/// <summary>
/// The sample frontend (examples/web, built by Toki.Server's build) in Debian's Chromium, driven by
/// Playwright (node/browser-call.mjs): two browser contexts with fake cameras sign in through the login
/// picker and hold a video call against the whole server, through a reload, a soft end and a rejoin, to
/// a permanent end. The script reports what the pages showed; this test holds it against the server.
/// </summary>
[TestFixture]
[Category(TestCategories.Browser)]
[Parallelizable(ParallelScope.None)]
public sealed class BrowserCallTests
{
    private const string Caller = "alice";
    private const string Callee = "bob";
    private const long StartingCoins = 500;
    private const int MaxDurationSeconds = 40;

    private string _artifacts = null!;

    private static string ChromiumPath => BrowserArtifacts.ChromiumPath;

    private static string WebDist => Path.Combine(RepositoryPaths.Root, "examples", "web", "dist");

    [SetUp]
    public void CleanArtifacts() => _artifacts = BrowserArtifacts.Reset("browser-call-artifacts");

    [TearDown]
    public void AttachScreenshotsOnFailure() => BrowserArtifacts.AttachScreenshotsOnFailure(_artifacts);

    [Test]
    public async Task A_video_call_in_the_sample_frontend_survives_a_reload_and_a_rejoin_and_settles_exactly()
    {
        Assert.That(File.Exists(ChromiumPath), Is.True,
            $"Chromium is not installed at {ChromiumPath}. This test drives Debian's Chromium: apt-get install chromium " +
            "(or point TOKI_CHROMIUM at a Chromium binary). It never downloads a browser.");
        Assert.That(File.Exists(Path.Combine(WebDist, "index.html")), Is.True,
            $"The sample frontend is not built ({WebDist}). Toki.Server's build builds it when node is on the PATH; " +
            "by hand: cd examples/web && npm ci && npm run build.");

        await using var server = await TokiTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Server:WebRoot"] = WebDist,
            ["Dev:TokenEndpoint"] = "true",
            ["Calls:MaxDuration"] = $"00:00:{MaxDurationSeconds}",
            ["Calls:RatePerMinute"] = "60",
            ["Calls:RingTimeout"] = "00:00:20",
            ["Calls:ConnectTimeout"] = "00:00:20",
            ["Calls:RejoinWindow"] = "00:00:15",
            // Room for a reload on a busy machine; the script fails if the reload still took longer.
            ["Calls:DisconnectGrace"] = "00:00:10",
        }, environment: "Development");
        await server.SeedUserAsync(Caller, "Alice", StartingCoins);
        await server.SeedUserAsync(Callee, "Bob", StartingCoins);

        var run = await NodeScript.RunAsync("browser-call.mjs",
            [server.BaseUrl.ToString().TrimEnd('/'), _artifacts, Caller, Callee],
            TimeSpan.FromSeconds(120),
            new Dictionary<string, string> { ["CHROMIUM_PATH"] = ChromiumPath });
        var report = ParseReport(run);
        Assert.That(report.GetProperty("ok").GetBoolean(), Is.True, () =>
            $"The browser run failed: {report.GetProperty("error")}\nsteps: {report.GetProperty("steps")}\n" +
            $"browser console: {report.GetProperty("console")}\nscreenshots: {_artifacts}");

        var callId = report.GetProperty("callId").GetString()!;
        var stored = await server.Store.GetCallAsync(callId, CancellationToken.None);
        var ledger = await server.Store.GetLedgerAsync(callId, CancellationToken.None);
        Assert.That(stored, Is.Not.Null);
        var final = report.GetProperty("final");
        var serverCall = final.GetProperty("server");
        var billed = serverCall.GetProperty("billedSeconds").GetInt32();
        var charged = serverCall.GetProperty("coinsCharged").GetInt64();

        using (Assert.EnterMultipleScope())
        {
            AssertCountdowns(report.GetProperty("countdowns"));
            Assert.That(report.GetProperty("reload").GetProperty("calleeStreamChanged").GetBoolean(), Is.True,
                "after the caller's reload the callee plays a new remote stream (call:peer-resumed)");

            // What both pages showed is what the server settled.
            Assert.That(serverCall.GetProperty("status").GetString(), Is.EqualTo("ended"));
            Assert.That(serverCall.GetProperty("endReason").GetString(), Is.EqualTo("hung_up"));
            foreach (var side in new[] { "caller", "callee" })
            {
                var shown = final.GetProperty("shown").GetProperty(side);
                Assert.That(shown.GetProperty("status").GetString(), Is.EqualTo("ended"), side);
                Assert.That(shown.GetProperty("reason").GetString(), Is.EqualTo("hung_up"), side);
                Assert.That(shown.GetProperty("billedSeconds").GetInt32(), Is.EqualTo(billed), side);
                Assert.That(shown.GetProperty("coinsCharged").GetInt64(), Is.EqualTo(charged), side);
            }

            // Exact settlement at 60 coins a minute: one coin per connected second, from the connected time.
            Assert.That(billed, Is.InRange(1, MaxDurationSeconds));
            Assert.That(billed, Is.EqualTo((int)Math.Ceiling(stored!.ActiveMs / 1000.0)), "billedSeconds = ceil(activeMs / 1000)");
            Assert.That(charged, Is.EqualTo(billed), "coinsCharged = ceil(billedSeconds × 60 / 60)");
            Assert.That(serverCall.GetProperty("holdCoins").GetInt64(), Is.EqualTo(MaxDurationSeconds), "the hold covers the 40 s limit");
            Assert.That(ledger.Where(e => e.Kind == LedgerKind.Charge).Select(e => (e.UserId, e.Amount)), Is.EqualTo(new[] { (Caller, charged) }));
            Assert.That(ledger.Where(e => e.Kind == LedgerKind.Earn).Select(e => (e.UserId, e.Amount)), Is.EqualTo(new[] { (Callee, charged) }));

            // The balances shown are the server's (/api/me), and they moved by exactly the charge.
            var me = final.GetProperty("me");
            Assert.That(final.GetProperty("initialCallerCoins").GetInt64(), Is.EqualTo(StartingCoins));
            Assert.That(me.GetProperty("caller").GetProperty("coins").GetInt64(), Is.EqualTo(StartingCoins - charged));
            Assert.That(me.GetProperty("caller").GetProperty("heldCoins").GetInt64(), Is.Zero);
            Assert.That(me.GetProperty("caller").GetProperty("isOnCall").GetBoolean(), Is.False);
            Assert.That(me.GetProperty("callee").GetProperty("coins").GetInt64(), Is.EqualTo(StartingCoins));
            Assert.That(me.GetProperty("callee").GetProperty("earnings").GetInt64(), Is.EqualTo(charged));
            var shownBalance = final.GetProperty("shownBalance");
            Assert.That(shownBalance.GetProperty("callerCoins").GetInt64(), Is.EqualTo(me.GetProperty("caller").GetProperty("coins").GetInt64()));
            Assert.That(shownBalance.GetProperty("calleeEarnings").GetInt64(), Is.EqualTo(me.GetProperty("callee").GetProperty("earnings").GetInt64()));

            // Each context kept its own login in sessionStorage, through the reload too.
            Assert.That(final.GetProperty("sessions").GetProperty("caller").GetString(), Is.EqualTo(Caller));
            Assert.That(final.GetProperty("sessions").GetProperty("callee").GetString(), Is.EqualTo(Callee));
            Assert.That(final.GetProperty("videos").GetProperty("calleeSaw").GetProperty("width").GetInt32(), Is.GreaterThan(0));
            Assert.That(final.GetProperty("videos").GetProperty("callerSaw").GetProperty("width").GetInt32(), Is.GreaterThan(0));
        }
    }

    /// <summary>Each countdown shown agrees with the server's remainingTime, read at the same moment, within a second.</summary>
    private static void AssertCountdowns(JsonElement countdowns)
    {
        var expected = new Dictionary<string, (bool Running, string Status)>
        {
            ["connected"] = (true, "active"),
            ["after-reload"] = (true, "active"),
            ["paused"] = (false, "interrupted"),
            ["after-rejoin"] = (true, "active"),
        };
        Assert.That(countdowns.EnumerateArray().Select(c => c.GetProperty("label").GetString()), Is.EqualTo(expected.Keys));
        foreach (var entry in countdowns.EnumerateArray())
        {
            var label = entry.GetProperty("label").GetString()!;
            var server = entry.GetProperty("server").GetInt32();
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo(expected[label].Status), label);
            Assert.That(server, Is.InRange(1, MaxDurationSeconds), label);
            Assert.That(entry.GetProperty("caller").GetInt32(), Is.InRange(server - 1, server + 1), $"{label}: caller's countdown vs the server's {server}");
            Assert.That(entry.GetProperty("callee").GetInt32(), Is.InRange(server - 1, server + 1), $"{label}: callee's countdown vs the server's {server}");
            Assert.That(entry.GetProperty("running").EnumerateArray().Select(r => r.GetBoolean()), Is.All.EqualTo(expected[label].Running), label);
        }
    }

    private static JsonElement ParseReport(NodeScript.Result run)
    {
        var line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            Assert.Fail($"browser-call.mjs reported nothing (exit code {run.ExitCode}).\nstdout: {run.StandardOutput}\nstderr: {run.StandardError}");
        }
        return JsonDocument.Parse(line!).RootElement.Clone();
    }
}
