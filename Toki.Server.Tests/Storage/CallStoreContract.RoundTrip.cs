using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    [TestCaseSource(typeof(StoreTestData), nameof(AllStatuses))]
    public async Task A_call_with_every_field_set_reads_back_equal(CallStatus status)
    {
        var call = await InsertAsync(FullCall("c1", "alice", "bob", status));

        CallRecordAssert.AreEqual(await Store.GetCallAsync("c1", None), call);
    }

    [Test]
    public async Task A_call_with_nothing_optional_reads_back_with_nulls_and_empty_sets()
    {
        var call = await InsertAsync(Call("c1", "alice", "bob") with { Type = CallType.Video });

        var stored = await Store.GetCallAsync("c1", None);

        CallRecordAssert.AreEqual(stored, call);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.JoinedUserIds, Is.Empty);
            Assert.That(stored.RejoinDeadlines, Is.Empty);
            Assert.That(stored.InterruptedFrom, Is.Null);
            Assert.That(stored.AcceptedAt, Is.Null);
            Assert.That(stored.EndReason, Is.Null);
        });
    }

    [Test]
    public async Task An_updated_call_reads_back_as_its_last_version()
    {
        var pending = await InsertAsync(Call("c1", "alice", "bob"));
        var full = FullCall("c1", "alice", "bob", CallStatus.Interrupted);

        var updated = await AdvanceAsync(pending, _ => full with { Version = 0 });
        var cleared = await AdvanceAsync(updated, c => c with
        {
            InterruptedUserIds = [],
            RejoinDeadlines = new Dictionary<string, DateTimeOffset>(),
            InterruptedFrom = null,
            LastResumedAt = null,
            EndReason = null,
        });

        Assert.That(updated.Version, Is.EqualTo(2));
        CallRecordAssert.AreEqual(await Store.GetCallAsync("c1", None), cleared);
    }

    [Test]
    public async Task Times_are_kept_to_the_millisecond_whatever_their_offset()
    {
        var fine = T0.AddTicks(9_999).ToOffset(TimeSpan.FromHours(5.5));
        var call = Call("c1", "alice", "bob") with
        {
            CreatedAt = fine,
            EndsAt = fine.AddTicks(1),
            RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["alice"] = fine.AddTicks(5_000) },
        };
        await InsertAsync(call, [Entry("c1", LedgerKind.Hold, "alice", 3, fine)]);

        var stored = await Store.GetCallAsync("c1", None);
        var entry = (await Store.GetLedgerAsync("c1", None)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(stored!.CreatedAt, Is.EqualTo(T0));
            Assert.That(stored.EndsAt, Is.EqualTo(T0.AddMilliseconds(1)));
            Assert.That(stored.RejoinDeadlines["alice"], Is.EqualTo(T0.AddMilliseconds(1)));
            Assert.That(entry.At, Is.EqualTo(T0));
        });
    }

    [Test]
    public async Task Unknown_ids_read_as_nothing()
    {
        await InsertAsync(Call("c1", "alice", "bob"), [Entry("c1", LedgerKind.Hold, "alice", 1, T0)]);

        var call = await Store.GetCallAsync("c2", None);
        var user = await Store.GetUserAsync("carol", None);
        var ledger = await Store.GetLedgerAsync("c2", None);
        var live = await Store.FindLiveCallAsync("carol", None);

        Assert.Multiple(() =>
        {
            Assert.That(call, Is.Null);
            Assert.That(user, Is.Null);
            Assert.That(ledger, Is.Empty);
            Assert.That(live, Is.Null);
        });
    }

    [Test]
    public async Task A_user_with_every_field_set_reads_back_equal()
    {
        var user = new UserRecord { Id = "alice", Name = "Ålice 🎧", Coins = 9_000_000_000, HeldCoins = 40, Earnings = 7, IsOnCall = true, CurrentCallId = "c9" };

        Assert.That(await Store.CreateUserAsync(user, None), Is.True);

        Assert.That(await Store.GetUserAsync("alice", None), Is.EqualTo(user));
    }

    /// <summary>Entries of one instant come by key, not in the order they were written, so every store lists them alike.</summary>
    [Test]
    public async Task The_ledger_reads_back_by_time_then_key_and_only_for_its_call()
    {
        var call = await InsertAsync(Call("c1", "alice", "bob", CallStatus.Accepted), [Entry("c1", LedgerKind.Hold, "alice", 50, At(1))]);
        await InsertAsync(Call("c2", "carol", "dave"), [Entry("c2", LedgerKind.Hold, "carol", 20, At(1.5))]);
        var settle = new[]
        {
            Entry("c1", LedgerKind.Release, "alice", 50, At(2)),
            Entry("c1", LedgerKind.Charge, "alice", 12, At(2)),
            Entry("c1", LedgerKind.Earn, "bob", 12, At(2)),
        };
        await AdvanceAsync(call, c => c with { Status = CallStatus.Ended }, settle);

        var ledger = await Store.GetLedgerAsync("c1", None);

        Assert.That(ledger, Is.EqualTo(new[] { Entry("c1", LedgerKind.Hold, "alice", 50, At(1)), settle[1], settle[2], settle[0] }));
    }

    [Test]
    public async Task Ping_answers_true()
    {
        Assert.That(await Store.PingAsync(None), Is.True);
    }
}
