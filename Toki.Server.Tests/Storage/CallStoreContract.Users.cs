using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    [Test]
    public async Task CreateUser_refuses_a_taken_id_and_keeps_the_first_user()
    {
        var first = User("alice", coins: 100) with { HeldCoins = 5, Earnings = 6 };

        var created = await Store.CreateUserAsync(first, None);
        var again = await Store.CreateUserAsync(User("alice", coins: 9999) with { Name = "Impostor" }, None);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.True);
            Assert.That(again, Is.False);
        });
        Assert.That(await GetUserAsync("alice"), Is.EqualTo(first));
    }

    [Test]
    public async Task SetCoins_sets_the_spendable_coins_and_nothing_else()
    {
        var alice = new UserRecord { Id = "alice", Name = "Alice", Coins = 100, HeldCoins = 30, Earnings = 12, IsOnCall = true, CurrentCallId = "c1" };
        await Store.CreateUserAsync(alice, None);

        var returned = await Store.SetCoinsAsync("alice", 7, None);

        Assert.That(returned, Is.EqualTo(alice with { Coins = 7 }));
        Assert.That(await GetUserAsync("alice"), Is.EqualTo(alice with { Coins = 7 }));
    }

    [Test]
    public async Task SetCoins_for_an_unknown_user_returns_null_and_creates_nobody()
    {
        Assert.That(await Store.SetCoinsAsync("nobody", 7, None), Is.Null);
        Assert.That(await Store.GetUserAsync("nobody", None), Is.Null);
    }

    [Test]
    public async Task SetCoins_refuses_a_negative_amount()
    {
        await Store.CreateUserAsync(User("alice"), None);

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetCoinsAsync("alice", -1, None));
        Assert.That(await GetUserAsync("alice"), Is.EqualTo(User("alice")));
    }

    /// <summary>"alice" carries a stale flag; her calls (if any) decide whether ClearOnCallIfIdle may clear it.</summary>
    private static IEnumerable<TestCaseData> IdleCases()
    {
        yield return new TestCaseData(null, null, true).SetName("no calls at all: cleared");
        yield return new TestCaseData(CallStatus.Ended, "alice", true).SetName("only a terminal call: cleared");
        yield return new TestCaseData(CallStatus.Pending, "alice", false).SetName("live call as caller: kept");
        yield return new TestCaseData(CallStatus.Interrupted, "bob", false).SetName("live call as callee: kept");
    }

    [TestCaseSource(nameof(IdleCases))]
    public async Task ClearOnCallIfIdle_clears_the_flag_only_without_a_live_call(CallStatus? status, string? caller, bool cleared)
    {
        var alice = User("alice") with { IsOnCall = true, CurrentCallId = "stale" };
        await Store.CreateUserAsync(alice, None);
        if (status is { } s)
        {
            await InsertAsync(Call("c1", caller!, caller == "alice" ? "bob" : "alice", s));
        }

        await Store.ClearOnCallIfIdleAsync("alice", None);

        Assert.That(await GetUserAsync("alice"), Is.EqualTo(cleared ? alice with { IsOnCall = false, CurrentCallId = null } : alice));
    }

    [Test]
    public async Task ClearOnCallIfIdle_for_an_unknown_user_does_nothing()
    {
        await Store.ClearOnCallIfIdleAsync("nobody", None);

        Assert.That(await Store.GetUserAsync("nobody", None), Is.Null);
    }
}
