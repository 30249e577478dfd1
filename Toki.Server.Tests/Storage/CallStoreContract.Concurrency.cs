using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    private const int Racers = 16;

    /// <summary>Starts every commit on its own thread at once and collects the outcomes in racer order.</summary>
    private async Task<CommitOutcome[]> RaceAsync(IEnumerable<CallCommit> commits)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = commits.Select(commit => Task.Run(async () =>
        {
            await start.Task;
            return await Store.CommitAsync(commit, None);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(racers).DefaultTimeout();
    }

    [Test]
    public async Task Of_parallel_commits_on_one_version_exactly_one_wins_and_only_its_effects_are_kept()
    {
        var call = await InsertAsync(Call("c1", "alice", "bob", CallStatus.Active));

        var outcomes = await RaceAsync(Enumerable.Range(0, Racers).Select(i => new CallCommit(
            call with { Status = CallStatus.Ended, EndReason = $"racer {i}", Version = 2 }, 1,
            [Entry("c1", LedgerKind.Charge, "alice", 10 + i, At(1))],
            [new UserPatch("alice", "c1", CoinsDelta: -(10 + i)), new UserPatch("bob", "c1", EarningsDelta: 10 + i)])));

        var winner = Array.IndexOf(outcomes, CommitOutcome.Committed);
        Assert.That(outcomes.Count(o => o == CommitOutcome.Committed), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == CommitOutcome.VersionConflict), Is.EqualTo(Racers - 1));
        var stored = await Store.GetCallAsync("c1", None);
        var alice = await GetUserAsync("alice");
        var bob = await GetUserAsync("bob");
        var ledger = await Store.GetLedgerAsync("c1", None);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.EndReason, Is.EqualTo($"racer {winner}"));
            Assert.That(ledger, Is.EqualTo(new[] { Entry("c1", LedgerKind.Charge, "alice", 10 + winner, At(1)) }));
            Assert.That(alice.Coins, Is.EqualTo(100 - (10 + winner)));
            Assert.That(bob.Earnings, Is.EqualTo(10 + winner));
        });
    }

    [Test]
    public async Task Of_parallel_new_calls_to_one_callee_exactly_one_is_placed_and_the_others_find_the_callee_busy()
    {
        await EnsureUsersAsync([.. Enumerable.Range(0, Racers).Select(i => $"caller{i}"), "star"]);

        var outcomes = await RaceAsync(Enumerable.Range(0, Racers).Select(i => new CallCommit(
            Call($"c{i}", $"caller{i}", "star", createdAt: At(i)), null, [],
            [new UserPatch($"caller{i}", $"c{i}", OnCall: true), new UserPatch("star", $"c{i}", OnCall: true)])));

        var winner = Array.IndexOf(outcomes, CommitOutcome.Committed);
        Assert.That(outcomes.Count(o => o == CommitOutcome.Committed), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == CommitOutcome.Busy("star")), Is.EqualTo(Racers - 1));
        var live = await Store.GetLiveCallsAsync(None);
        var star = await GetUserAsync("star");
        var onCall = new List<string>();
        for (var i = 0; i < Racers; i++)
        {
            if ((await GetUserAsync($"caller{i}")).IsOnCall)
            {
                onCall.Add($"caller{i}");
            }
        }
        Assert.Multiple(() =>
        {
            Assert.That(live.Select(c => c.Id), Is.EqualTo(new[] { $"c{winner}" }));
            Assert.That(star.CurrentCallId, Is.EqualTo($"c{winner}"));
            Assert.That(onCall, Is.EqualTo(new[] { $"caller{winner}" }));
        });
    }

    [Test]
    public async Task Of_parallel_new_calls_from_one_caller_exactly_one_is_placed()
    {
        await EnsureUsersAsync([.. Enumerable.Range(0, Racers).Select(i => $"callee{i}"), "solo"]);

        var outcomes = await RaceAsync(Enumerable.Range(0, Racers).Select(i => new CallCommit(
            Call($"c{i}", "solo", $"callee{i}", createdAt: At(i)), null, [], [new UserPatch("solo", $"c{i}", OnCall: true)])));

        var winner = Array.IndexOf(outcomes, CommitOutcome.Committed);
        Assert.That(outcomes.Count(o => o == CommitOutcome.Committed), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == CommitOutcome.Busy("solo")), Is.EqualTo(Racers - 1));
        Assert.That((await Store.FindLiveCallAsync("solo", None))?.Id, Is.EqualTo($"c{winner}"));
    }

    [Test]
    public async Task Parallel_balance_patches_on_different_calls_all_add_up()
    {
        await Store.CreateUserAsync(User("payer", coins: 1000), None);
        var calls = new List<CallRecord>();
        for (var i = 0; i < Racers; i++)
        {
            calls.Add(await InsertAsync(Call($"c{i}", "payer", $"callee{i}", CallStatus.Ended, At(i))));
        }

        var outcomes = await RaceAsync(calls.Select(c => new CallCommit(c with { Version = 2 }, 1, [],
            [new UserPatch("payer", c.Id, CoinsDelta: -3, EarningsDelta: 1)])));

        Assert.That(outcomes, Is.All.EqualTo(CommitOutcome.Committed));
        Assert.That(await GetUserAsync("payer"), Is.EqualTo(User("payer", coins: 1000 - 3 * Racers) with { Earnings = Racers }));
    }
}
