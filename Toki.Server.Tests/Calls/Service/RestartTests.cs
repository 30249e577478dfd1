using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.Calls.Fakes;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// §7 "a restarted server re-arms or fires them": a fresh service over a store holding live calls. Deadlines that
/// passed while it was down fire at once, later ones on time, and participants who never come back count as gone
/// after <see cref="CallSettings.RestartReconnectGrace"/> (10 s).
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class RestartTests
{
    private static DateTimeOffset At(double seconds) => Start + TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));

    private static CallRecord Call(string id, CallStatus status, double createdAt) => new()
    {
        Id = id,
        CallerId = $"{id}1",
        CalleeId = $"{id}2",
        CallerName = "Caller",
        CalleeName = "Callee",
        Type = CallType.Audio,
        Status = status,
        CreatedAt = At(createdAt),
        DurationLimitSec = 300,
        RatePerMinute = 10,
        Version = 7,
    };

    /// <summary>Talking, with <paramref name="endsIn"/> seconds of the 300 s limit left at the restart.</summary>
    private static CallRecord Talking(string id, double endsIn) => Call(id, CallStatus.Active, -400) with
    {
        AcceptedAt = At(-350), StartedAt = At(endsIn - 300), LastResumedAt = At(endsIn - 300), EndsAt = At(endsIn),
        HoldCoins = 50, JoinedUserIds = [$"{id}1", $"{id}2"],
    };

    private static InMemoryCallStore StoreWithLiveCalls()
    {
        var store = new InMemoryCallStore();
        foreach (var user in new[] { "p1", "p2", "q1", "q2", "i1", "i2", "a1", "a2", "b1", "b2", "c1", "c2" })
        {
            store.Seed(new UserRecord { Id = user, Name = user, Coins = 100, IsOnCall = true, CurrentCallId = user[..1] });
        }
        store.Seed(Call("p", CallStatus.Pending, -30) with { RingDeadline = At(-10) });
        store.Seed(Call("q", CallStatus.Pending, -5) with { RingDeadline = At(15) });
        store.Seed(Call("i", CallStatus.Interrupted, -400) with
        {
            AcceptedAt = At(-350), StartedAt = At(-340), ActiveMs = 40_000, HoldCoins = 50, InterruptedFrom = CallStatus.Active,
            JoinedUserIds = ["i1"], InterruptedUserIds = ["i2"], RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["i2"] = At(-5) },
        });
        store.Seed(Talking("a", endsIn: 8));
        store.Seed(Talking("b", endsIn: 200));
        store.Seed(Talking("c", endsIn: 200));
        return store;
    }

    private static string[] States(CallServiceHarness h) => [.. new[] { "p", "q", "i", "a", "b", "c" }.Select(id => $"{id}: {h.State(id)}")];

    [Test]
    public async Task PastDeadlinesFireAtOnceFutureOnesOnTimeAndAbsentParticipantsAreGoneAfterTheGrace()
    {
        using var h = new CallServiceHarness(store: StoreWithLiveCalls());
        await h.Service.StartAsync(CancellationToken.None);

        await h.AdvanceAsync(0);
        Assert.That(States(h), Is.EqualTo(new[]
        {
            "p: missed no_answer", "q: pending", "i: ended rejoin_timeout", "a: active", "b: active", "c: active",
        }));
        Assert.That((h.Store.Call("i").BilledSeconds, h.Store.Call("i").CoinsCharged), Is.EqualTo((40, 7)));

        await h.AdvanceAsync(5);
        await h.ConnectAsync("c1", "s-c1");
        await h.ConnectAsync("c2", "s-c2");
        await h.AdvanceAsync(2.999);
        Assert.That(h.State("a"), Is.EqualTo("active"));
        await h.AdvanceAsync(0.001);
        Assert.That((h.State("a"), h.Store.Call("a").BilledSeconds, h.Store.Call("a").CoinsCharged), Is.EqualTo(("ended completed", 300, 50)));

        await h.AdvanceAsync(1.999);
        Assert.That(States(h)[1..], Is.EqualTo(new[] { "q: pending", "i: ended rejoin_timeout", "a: ended completed", "b: active", "c: active" }));
        await h.AdvanceAsync(0.001);
        Assert.That(States(h), Is.EqualTo(new[]
        {
            "p: missed no_answer", "q: cancelled caller_disconnected", "i: ended rejoin_timeout", "a: ended completed",
            "b: interrupted", "c: active",
        }));
        var b = h.Store.Call("b");
        Assert.That(b.InterruptedUserIds, Is.EquivalentTo(new[] { "b1", "b2" }));
        Assert.That(b.RejoinDeadlines.Values, Is.All.EqualTo(At(25)));
        Assert.That(b.ActiveMs, Is.EqualTo(110_000));

        await h.AdvanceAsync(14.999);
        Assert.That(h.State("b"), Is.EqualTo("interrupted"));
        await h.AdvanceAsync(0.001);
        Assert.That((h.State("b"), h.Store.Call("b").BilledSeconds, h.Store.Call("b").CoinsCharged), Is.EqualTo(("ended rejoin_timeout", 110, 19)));
        Assert.That(h.State("c"), Is.EqualTo("active"));

        Assert.That(h.Store.Ledger("a").Select(entry => (entry.Kind, entry.Amount)), Is.EqualTo(new[]
        {
            (LedgerKind.Release, 50L), (LedgerKind.Charge, 50L), (LedgerKind.Earn, 50L),
        }));
        Assert.That(new[] { "p1", "p2", "q1", "q2", "i1", "i2", "a1", "a2", "b1", "b2" }.Select(user => h.Store.User(user).IsOnCall), Is.All.False);
        Assert.That(h.Logger.Named("Restarted").Single().Fields()["LiveCalls"], Is.EqualTo("6"));
    }

    [Test]
    public async Task AParticipantWhoReconnectsAndResyncsKeepsTheCallAfterTheRestart()
    {
        using var h = new CallServiceHarness(store: StoreWithLiveCalls());
        await h.Service.StartAsync(CancellationToken.None);
        await h.ConnectAsync("c1", "s-c1");
        await h.ConnectAsync("c2", "s-c2");
        await h.SyncAsync("c1", "s-c1", null);
        await h.SyncAsync("c2", "s-c2", "c");
        await h.AdvanceAsync(10);

        Assert.That(h.State("c"), Is.EqualTo("active"));
        Assert.That(h.Service.ResolveRelay("c", "c1").PeerSocketId, Is.EqualTo("s-c2"));
    }
}
