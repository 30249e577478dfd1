using System.Globalization;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// Two Toki.Server processes on one SQLite file, joined through a redis-server, with real socket.io clients. Round
/// after round a call is driven to a moment (ringing, accepted, mid-call, interrupted, at its hard end), the server
/// holding its participants is killed with SIGKILL, and the other server's deadline sweep must settle the call. After
/// each kill the money audit: the call settled exactly once, holds released, nobody left on a call, coins conserved,
/// and the deadline applied within the documented bound (the sweep interval, plus the time to commit).
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
[Parallelizable(ParallelScope.None)]
public sealed class KillNodeMoneyAuditTests
{
    private const int Kills = 20;
    private const long StartingCoins = 100;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>What the audit allows beyond the sweep interval: reading the due calls and committing one, on a loaded machine.</summary>
    private static readonly TimeSpan CommitAllowance = TimeSpan.FromSeconds(2);

    /// <summary>Where the participants of a call are while their server is killed.</summary>
    public enum Placement
    {
        /// <summary>Both on the server that is killed: nobody survives to be told, the survivor's sweep alone settles the call.</summary>
        BothOnKilledServer,

        /// <summary>The caller on the killed server, the callee on the survivor, who must be told the call ended.</summary>
        CalleeOnSurvivor,
    }

    private enum Moment
    {
        Ringing,
        Accepted,
        MidCall,
        Interrupted,
        HardEnd,
    }

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Calls:RingTimeout"] = "00:00:02",
        ["Calls:ConnectTimeout"] = "00:00:02",
        ["Calls:MaxDuration"] = "00:00:03",
        ["Calls:RejoinWindow"] = "00:00:01",
        ["Calls:SoftEndThreshold"] = "00:00:00.500",
        ["Calls:DeadlineSweepInterval"] = "00:00:00.500",
        ["Calls:RatePerMinute"] = "60",
        ["Cluster:Mode"] = "streams",
        ["Cluster:LeaseTtl"] = "00:00:01",
        ["Cluster:LeaseRefresh"] = "00:00:00.250",
    };

    [Test]
    public Task Killing_the_server_of_both_participants_leaves_every_call_settled_once_with_the_coins_conserved() =>
        RunAsync(Placement.BothOnKilledServer);

    [Test]
    public Task Killing_the_caller_s_server_settles_every_call_once_and_tells_the_callee_on_the_other_server() =>
        RunAsync(Placement.CalleeOnSurvivor);

    private static async Task RunAsync(Placement placement)
    {
        var seed = TestContext.CurrentContext.Random.Next();
        TestContext.Out.WriteLine($"seed {seed}, placement {placement}");
        var random = new Random(seed);
        var data = Directory.CreateTempSubdirectory("toki-kill-audit-").FullName;
        var databasePath = Path.Combine(data, "toki.db");
        await using var redis = await RedisServer.StartAsync();
        using (var seeding = SqliteCallStore.Open(databasePath, busyTimeoutSeconds: 5))
        {
            for (var round = 0; round < Kills; round++)
            {
                await seeding.CreateUserAsync(new UserRecord { Id = Caller(round), Name = Caller(round), Coins = StartingCoins }, CancellationToken.None);
                await seeding.CreateUserAsync(new UserRecord { Id = Callee(round), Name = Callee(round) }, CancellationToken.None);
            }
        }
        var settings = new Dictionary<string, string>(Settings) { ["Cluster:Redis"] = redis.Configuration };
        await using var first = new ServerProcess(data, settings);
        await using var second = new ServerProcess(data, settings);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        await using var clients = await NodeClients.StartAsync();
        using var store = SqliteCallStore.Open(databasePath, busyTimeoutSeconds: 5);
        var lateness = new List<TimeSpan>();
        var settledBeforeTheKill = 0;

        for (var round = 0; round < Kills; round++)
        {
            var (victim, survivor) = round % 2 == 0 ? (first, second) : (second, first);
            var moment = (Moment)(round % 5);
            var caller = Caller(round);
            var callee = Callee(round);
            await ConnectAsync(clients, caller, victim);
            await ConnectAsync(clients, callee, placement == Placement.BothOnKilledServer ? victim : survivor);
            var callId = await DriveAsync(new CallKit(null!, clients), store, random, moment, caller, callee);

            await victim.KillAsync();
            var atKill = (await store.GetCallAsync(callId, CancellationToken.None))!;
            var settled = await WaitSettledAsync(store, callId, atKill);
            var context = $"round {round} ({moment}), call {callId}: {atKill.Status} v{atKill.Version} at the kill, then {settled.Status} {settled.EndReason}";
            TestContext.Out.WriteLine(context);
            if (atKill.Status.IsTerminal())
            {
                settledBeforeTheKill++;
            }
            else
            {
                var late = (settled.SettledAt ?? settled.EndedAt)!.Value - atKill.NextDeadline!.Value;
                lateness.Add(late);
                Assert.That(late, Is.LessThanOrEqualTo(SweepInterval + CommitAllowance), $"{context}: applied {late.TotalMilliseconds} ms after its deadline");
            }
            await AuditAsync(store, settled, context);
            // The killed server may have settled the call without its last log lines reaching us; never may two have.
            Assert.That(first.Output.Concat(second.Output).Count(line => line.Contains($"Call {callId} settled:", StringComparison.Ordinal)),
                Is.LessThanOrEqualTo(1), $"{context}: one server settled it");
            if (placement == Placement.CalleeOnSurvivor && !atKill.Status.IsTerminal())
            {
                var ended = await clients.NextEventAsync(callee, "call:ended", SweepInterval + CommitAllowance + TimeSpan.FromSeconds(1));
                Assert.That(ended.GetProperty("callId").GetString(), Is.EqualTo(callId), context);
            }

            clients.Disconnect(caller);
            clients.Disconnect(callee);
            await victim.StartAsync();
        }

        lateness.Sort();
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Kills} kills; {settledBeforeTheKill} calls settled by their own server before it died; lateness of the {lateness.Count} applied by the survivor's sweep: " +
            $"median {(lateness.Count > 0 ? lateness[lateness.Count / 2].TotalMilliseconds : 0)} ms, max {(lateness.Count > 0 ? lateness[^1].TotalMilliseconds : 0)} ms"));
        Assert.That(lateness, Has.Count.GreaterThanOrEqualTo(Kills / 4), "the survivor's sweep, not the call's own server, settled many of them");
        // Every survivor lived on to write its settlement lines: the per-round check above counted real lines.
        Assert.That(first.Output.Concat(second.Output).Count(line => line.Contains(" settled: ", StringComparison.Ordinal)),
            Is.GreaterThanOrEqualTo(lateness.Count), "the servers log each settlement");
    }

    private static string Caller(int round) => $"caller{round}";

    private static string Callee(int round) => $"callee{round}";

    private static async Task ConnectAsync(NodeClients clients, string user, ServerProcess server)
    {
        clients.ServerUrl = server.BaseUrl;
        var token = await clients.SignAsync(new { sub = user }, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        var connected = await clients.ConnectAsync(user, new { auth = new { token }, transports = new[] { "websocket" } });
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        await clients.NextEventAsync(user, "call:state");
    }

    /// <summary>Brings a call to <paramref name="moment"/>, then waits a random part of the deadline that follows.</summary>
    private static async Task<string> DriveAsync(CallKit kit, SqliteCallStore store, Random random, Moment moment, string caller, string callee)
    {
        string callId;
        TimeSpan wait;
        switch (moment)
        {
            case Moment.Ringing:
                callId = await kit.RequestAsync(caller, callee);
                wait = TimeSpan.FromMilliseconds(random.Next(0, 1300));
                break;
            case Moment.Accepted:
                callId = await kit.RequestAsync(caller, callee);
                await kit.Clients.NextEventAsync(callee, "call:incoming");
                await kit.AcceptAsync(callee, callId);
                wait = TimeSpan.FromMilliseconds(random.Next(0, 1300));
                break;
            case Moment.MidCall:
                callId = await kit.StartCallAsync(caller, callee);
                wait = TimeSpan.FromMilliseconds(random.Next(0, 2000));
                break;
            case Moment.Interrupted:
                callId = await kit.StartCallAsync(caller, callee);
                CallKit.AssertOk(await kit.Clients.EmitAsync(caller, "call:end", new { callId }));
                wait = TimeSpan.FromMilliseconds(random.Next(0, 600));
                break;
            default:
                // Within 150 ms either side of the limit: sometimes the call's own server ends it, sometimes the survivor.
                callId = await kit.StartCallAsync(caller, callee);
                var endsAt = (await store.GetCallAsync(callId, CancellationToken.None))!.EndsAt!.Value;
                wait = endsAt - TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(random.Next(-150, 150));
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                break;
        }
        await Task.Delay(wait, TimeProvider.System);
        return callId;
    }

    /// <summary>Polls the shared file (from this third process) until the call is over.</summary>
    private static async Task<CallRecord> WaitSettledAsync(SqliteCallStore store, string callId, CallRecord atKill)
    {
        var giveUp = TimeProvider.System.GetUtcNow() + (atKill.NextDeadline is { } due ? due - TimeProvider.System.GetUtcNow() : TimeSpan.Zero)
            + SweepInterval + CommitAllowance + TimeSpan.FromSeconds(5);
        while (true)
        {
            var call = (await store.GetCallAsync(callId, CancellationToken.None))!;
            if (call.Status.IsTerminal())
            {
                return call;
            }
            if (TimeProvider.System.GetUtcNow() > giveUp)
            {
                Assert.Fail($"call {callId} is still {call.Status} (version {call.Version}, due {call.NextDeadline:O}) after its server died");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System);
        }
    }

    /// <summary>Settled once, holds released, nobody on a call, coins conserved, the ledger consistent with the record.</summary>
    private static async Task AuditAsync(SqliteCallStore store, CallRecord call, string context)
    {
        var ledger = await store.GetLedgerAsync(call.Id, CancellationToken.None);
        var caller = (await store.GetUserAsync(call.CallerId, CancellationToken.None))!;
        var callee = (await store.GetUserAsync(call.CalleeId, CancellationToken.None))!;
        long Amount(LedgerKind kind) => ledger.Where(entry => entry.Kind == kind).Sum(entry => entry.Amount);
        Assert.Multiple(() =>
        {
            Assert.That(call.SettledAt, Is.Not.Null, $"{context}: settled");
            Assert.That(ledger.GroupBy(entry => entry.Kind).Where(kind => kind.Count() > 1).Select(kind => kind.Key), Is.Empty, $"{context}: each ledger step once");
            Assert.That(Amount(LedgerKind.Release), Is.EqualTo(Amount(LedgerKind.Hold)), $"{context}: the hold is released in full");
            Assert.That((Amount(LedgerKind.Charge), Amount(LedgerKind.Earn)), Is.EqualTo((call.CoinsCharged, call.CoinsCharged)), $"{context}: charged once, earned once");
            Assert.That((caller.HeldCoins, callee.HeldCoins), Is.EqualTo((0L, 0L)), $"{context}: no coins left held");
            Assert.That((caller.IsOnCall, callee.IsOnCall, caller.CurrentCallId, callee.CurrentCallId), Is.EqualTo((false, false, (string?)null, (string?)null)),
                $"{context}: nobody left on a call");
            Assert.That(caller.Coins + caller.HeldCoins + caller.Earnings + callee.Coins + callee.HeldCoins + callee.Earnings, Is.EqualTo(StartingCoins),
                $"{context}: coins conserved");
            Assert.That(caller.Coins, Is.EqualTo(StartingCoins - call.CoinsCharged), $"{context}: the caller paid exactly the charge");
        });
    }
}
