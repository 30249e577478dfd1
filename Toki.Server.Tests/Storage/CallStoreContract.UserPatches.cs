using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    /// <summary>Patches for "alice" starting from coins 100, held 20, earnings 5; several patches in one commit add up.</summary>
    private static IEnumerable<TestCaseData> DeltaCases()
    {
        yield return new TestCaseData(new[] { (0L, 0L, 0L) }, 100L, 20L, 5L).SetName("no change");
        yield return new TestCaseData(new[] { (-60L, 60L, 0L) }, 40L, 80L, 5L).SetName("hold");
        yield return new TestCaseData(new[] { (20L, -20L, 0L) }, 120L, 0L, 5L).SetName("release");
        yield return new TestCaseData(new[] { (0L, 0L, 1_000_000_000_000L) }, 100L, 20L, 1_000_000_000_005L).SetName("large earning");
        yield return new TestCaseData(new[] { (-7L, 3L, 2L), (-1L, 1L, 1L) }, 92L, 24L, 8L).SetName("two patches add up");
    }

    [TestCaseSource(nameof(DeltaCases))]
    public async Task Balance_deltas_are_added_to_the_stored_balances((long Coins, long Held, long Earnings)[] deltas,
        long coins, long held, long earnings)
    {
        await Store.CreateUserAsync(User("alice", coins: 100) with { HeldCoins = 20, Earnings = 5 }, None);
        var call = await InsertAsync(Call("c1", "alice", "bob"));

        await AdvanceAsync(call, c => c, users: [.. deltas.Select(d => new UserPatch("alice", "c1", d.Coins, d.Held, d.Earnings))]);

        Assert.That(await GetUserAsync("alice"), Is.EqualTo(User("alice", coins) with { HeldCoins = held, Earnings = earnings }));
    }

    [Test]
    public async Task Balance_deltas_apply_to_what_is_stored_not_to_what_the_caller_last_read()
    {
        var call = await InsertAsync(Call("c1", "alice", "bob"));
        var stale = await GetUserAsync("alice");
        await Store.SetCoinsAsync("alice", 500, None);

        await AdvanceAsync(call, c => c, users: [new UserPatch("alice", "c1", CoinsDelta: -10)]);

        Assert.That((await GetUserAsync("alice")).Coins, Is.EqualTo(490), $"not {stale.Coins - 10}");
    }

    /// <summary>Start (isOnCall, currentCallId), a patch's OnCall for call "c1", and the flags after it.</summary>
    private static IEnumerable<TestCaseData> OnCallCases()
    {
        yield return new TestCaseData(false, null, true, true, "c1").SetName("true claims an idle user");
        yield return new TestCaseData(true, "c0", true, true, "c1").SetName("true claims a user of another call");
        yield return new TestCaseData(true, "c1", false, false, null).SetName("false frees a user of this call");
        yield return new TestCaseData(false, "c1", false, false, null).SetName("false clears a lone id of this call");
        yield return new TestCaseData(true, "c0", false, true, "c0").SetName("false leaves a user of another call");
        yield return new TestCaseData(true, null, false, true, null).SetName("false leaves a flag without an id");
        yield return new TestCaseData(false, null, false, false, null).SetName("false on an idle user");
        yield return new TestCaseData(true, "c1", null, true, "c1").SetName("null leaves a user of this call");
        yield return new TestCaseData(true, "c0", null, true, "c0").SetName("null leaves a user of another call");
        yield return new TestCaseData(false, null, null, false, null).SetName("null leaves an idle user");
    }

    [TestCaseSource(nameof(OnCallCases))]
    public async Task The_on_call_flag_follows_the_patch(bool isOnCall, string? currentCallId, bool? onCall, bool expectedOnCall, string? expectedCallId)
    {
        var alice = User("alice") with { IsOnCall = isOnCall, CurrentCallId = currentCallId };
        await Store.CreateUserAsync(alice, None);
        var call = await InsertAsync(Call("c1", "alice", "bob"));

        await AdvanceAsync(call, c => c, users: [new UserPatch("alice", "c1", OnCall: onCall)]);

        Assert.That(await GetUserAsync("alice"), Is.EqualTo(alice with { IsOnCall = expectedOnCall, CurrentCallId = expectedCallId }));
    }

    [Test]
    public async Task A_new_call_claims_both_participants()
    {
        await InsertAsync(Call("c1", "alice", "bob"), users: [new UserPatch("alice", "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]);

        var alice = await GetUserAsync("alice");
        var bob = await GetUserAsync("bob");

        Assert.Multiple(() =>
        {
            Assert.That((alice.IsOnCall, alice.CurrentCallId), Is.EqualTo((true, "c1")));
            Assert.That((bob.IsOnCall, bob.CurrentCallId), Is.EqualTo((true, "c1")));
        });
    }
}
