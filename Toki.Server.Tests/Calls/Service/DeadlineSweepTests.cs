using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Fakes;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// Deadlines on several servers sharing one store (two <see cref="CallService"/>s on one <see cref="InMemoryCallStore"/>,
/// on one fake clock): a deadline armed by a server that died is applied by another's sweep, at most one sweep interval
/// late; when several servers try one deadline, the compare-and-set lets exactly one settle the call and tell anyone.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class DeadlineSweepTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _time = null!;
    private InMemoryCallStore _store = null!;
    private readonly List<Node> _nodes = [];

    private sealed record Node(CallService Service, RecordingCallNotifier Notifier, FakeLogger<CallService> Logger);

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Start);
        _store = new InMemoryCallStore();
        _store.Seed(new UserRecord { Id = "alice", Name = "Alice", Coins = 100 });
        _store.Seed(new UserRecord { Id = "bob", Name = "Bob" });
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var node in _nodes)
        {
            node.Service.Dispose();
        }
        _nodes.Clear();
    }

    private Node StartNode(double sweepSeconds = 3, int batch = 100, Action<CallSettings>? configure = null)
    {
        var settings = new CallSettings { DeadlineSweepInterval = TimeSpan.FromSeconds(sweepSeconds), DeadlineSweepBatch = batch };
        configure?.Invoke(settings);
        var notifier = new RecordingCallNotifier();
        var logger = new FakeLogger<CallService>();
        var node = new Node(new CallService(_store, new FakeMediaCredentialsProvider("webrtc"), notifier, settings, _time, logger), notifier, logger);
        _nodes.Add(node);
        return node;
    }

    private async Task AdvanceAsync(double seconds)
    {
        // One second at a time: an action set off by one timer may arm the next.
        for (var step = 0; step < seconds; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(Math.Min(1, seconds - step)));
            foreach (var node in _nodes)
            {
                await node.Service.WhenIdleAsync().DefaultTimeout();
            }
        }
    }

    private static async Task<string> RingAsync(Node node)
    {
        await node.Service.OnSocketConnectedAsync("alice", "s-a1", CancellationToken.None);
        await node.Service.OnSocketConnectedAsync("bob", "s-b0", CancellationToken.None);
        var ack = await node.Service.RequestAsync("alice", "s-a1", "bob", CallType.Audio, CancellationToken.None).DefaultTimeout();
        Assert.That(ack.Ok, Is.True, ack.Error?.ToString());
        return ack.Call!.CallId;
    }

    private void AssertSettledOnce(string callId, string expected)
    {
        var call = _store.Call(callId);
        var ledger = _store.Ledger(callId);
        Assert.Multiple(() =>
        {
            Assert.That($"{call.Status.ToWire()} {call.EndReason}", Is.EqualTo(expected));
            Assert.That(ledger.GroupBy(entry => entry.Kind).Where(kind => kind.Count() > 1), Is.Empty, "each ledger step at most once");
            Assert.That(_store.User("alice").HeldCoins, Is.Zero, "the hold is released");
            Assert.That(_store.User("alice").Coins + _store.User("bob").Earnings, Is.EqualTo(100), "coins are conserved");
            Assert.That((_store.User("alice").IsOnCall, _store.User("bob").IsOnCall), Is.EqualTo((false, false)));
            Assert.That(_nodes.Sum(node => node.Logger.Named("CallSettled").Count), Is.EqualTo(1), "settled by one server");
        });
    }

    [Test]
    public async Task The_ring_deadline_of_a_server_that_died_is_applied_by_another_server_s_sweep_within_one_interval()
    {
        var survivor = StartNode(sweepSeconds: 3);
        await survivor.Service.StartAsync(CancellationToken.None);
        var doomed = StartNode();
        var callId = await RingAsync(doomed);
        _nodes.Remove(doomed);
        doomed.Service.Dispose();

        await AdvanceAsync(20);
        Assert.That(_store.Call(callId).Status, Is.EqualTo(CallStatus.Pending), "the ring deadline (20 s) waits for the next sweep (21 s)");

        await AdvanceAsync(1);

        AssertSettledOnce(callId, "missed no_answer");
        var applied = survivor.Logger.Named("DeadlineApplied").Single();
        Assert.Multiple(() =>
        {
            Assert.That(applied.Fields()["Source"], Is.EqualTo("sweep"));
            Assert.That(applied.Fields()["LatenessMs"], Is.EqualTo("1000"));
            Assert.That(survivor.Notifier.Sent("call:ended"), Is.Not.Empty, "the survivor tells the participants");
        });
    }

    [Test]
    public async Task Two_servers_that_both_time_a_deadline_settle_the_call_once()
    {
        var a = StartNode(sweepSeconds: 60);
        var b = StartNode(sweepSeconds: 60);
        var callId = await RingAsync(a);
        await b.Service.OnSocketConnectedAsync("bob", "s-b1", CancellationToken.None);
        await AdvanceAsync(2);
        Assert.That((await b.Service.CommandAsync(callId, new CallCommand.Accept("bob", "s-b1"), CancellationToken.None)).Ok, Is.True);

        // a's ring timer finds the call accepted (by b) and follows it to its connect deadline: both now time it.
        await AdvanceAsync(30);

        AssertSettledOnce(callId, "ended connect_timeout");
        var applied = _nodes.SelectMany(node => node.Logger.Named("DeadlineApplied")).ToList();
        Assert.That(applied, Has.Count.EqualTo(1));
        Assert.That(applied[0].Fields()["Source"], Is.EqualTo("timer"));
        Assert.That(a.Logger.Named("DeadlineNotDue").Select(r => r.Fields()["Status"]), Does.Contain("accepted"));
    }

    [Test]
    public async Task A_server_that_loses_the_compare_and_set_commits_nothing_and_tells_no_one()
    {
        var a = StartNode(sweepSeconds: 60);
        var b = StartNode(sweepSeconds: 60);
        var callId = await RingAsync(a);
        a.Notifier.Clear();
        var raced = false;
        _store.BeforeCommit = async commit =>
        {
            // a is about to commit the ring timeout; b's sweep gets there first.
            if (!raced && commit.Call.Status == CallStatus.Missed)
            {
                raced = true;
                Assert.That(await b.Service.SweepDeadlinesAsync(CancellationToken.None), Is.EqualTo(1));
            }
        };

        await AdvanceAsync(20);

        AssertSettledOnce(callId, "missed no_answer");
        Assert.Multiple(() =>
        {
            Assert.That(a.Logger.Named("DeadlineLostRace").Single().Fields()["Version"], Is.EqualTo("1"));
            Assert.That(a.Logger.Named("DeadlineApplied"), Is.Empty);
            Assert.That(b.Logger.Named("DeadlineApplied").Single().Fields()["Source"], Is.EqualTo("sweep"));
            Assert.That(a.Notifier.Lines.Where(line => !line.StartsWith("leave ", StringComparison.Ordinal)), Is.Empty,
                "the loser sends nothing (it only lets its own call socket go)");
            Assert.That(b.Notifier.Sent("call:ended"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task One_sweep_reads_page_after_page_until_no_due_call_is_left()
    {
        for (var i = 0; i < 5; i++)
        {
            _store.Seed(new UserRecord { Id = $"caller{i}", Name = $"Caller {i}", Coins = 10, HeldCoins = 10, IsOnCall = true, CurrentCallId = $"c{i}" });
            _store.Seed(new UserRecord { Id = $"callee{i}", Name = $"Callee {i}", IsOnCall = true, CurrentCallId = $"c{i}" });
            _store.Seed(new CallRecord
            {
                Id = $"c{i}", CallerId = $"caller{i}", CalleeId = $"callee{i}", CallerName = "", CalleeName = "", Type = CallType.Audio,
                Status = CallStatus.Pending, CreatedAt = Start, DurationLimitSec = 60, RatePerMinute = 10, HoldCoins = 10,
                RingDeadline = Start.AddSeconds(1 + i * 0.1), Version = 1,
            });
        }
        var node = StartNode(batch: 2);

        _time.Advance(TimeSpan.FromSeconds(2));
        var applied = await node.Service.SweepDeadlinesAsync(CancellationToken.None);
        await node.Service.WhenIdleAsync().DefaultTimeout();

        Assert.That(applied, Is.EqualTo(5));
        Assert.That(Enumerable.Range(0, 5).Select(i => _store.Call($"c{i}").Status), Has.All.EqualTo(CallStatus.Missed));
        Assert.That(Enumerable.Range(0, 5).Select(i => _store.User($"caller{i}").HeldCoins), Has.All.Zero);
    }

    [Test]
    public async Task A_time_warning_is_not_sent_for_a_call_another_server_has_paused()
    {
        // The warning is due 30 s into the call.
        void Short(CallSettings settings) => settings.MaxDuration = TimeSpan.FromSeconds(90);
        var a = StartNode(sweepSeconds: 60, configure: Short);
        var b = StartNode(sweepSeconds: 60, configure: Short);
        var callId = await RingAsync(a);
        await a.Service.OnSocketConnectedAsync("bob", "s-b1", CancellationToken.None);
        await a.Service.CommandAsync(callId, new CallCommand.Accept("bob", "s-b1"), CancellationToken.None);
        await a.Service.CommandAsync(callId, new CallCommand.Joined("alice"), CancellationToken.None);
        await a.Service.CommandAsync(callId, new CallCommand.Joined("bob"), CancellationToken.None);
        Assert.That(_store.Call(callId).Status, Is.EqualTo(CallStatus.Active));
        await AdvanceAsync(5);

        // On b, bob hangs up softly (b's end is authoritative: the call pauses, and a's warning timer is out of date).
        var ended = await b.Service.CommandAsync(callId, new CallCommand.End("bob", Permanent: false), CancellationToken.None);
        Assert.That((ended.Ok, _store.Call(callId).Status), Is.EqualTo((true, CallStatus.Interrupted)));
        await AdvanceAsync(40);

        Assert.That(a.Notifier.Sent("call:time-warning"), Is.Empty);
    }
}
