using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Sqlite;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>
/// Two stores on one database file, as two server processes on one host have them: each with its own writer and
/// readers, no cache between them and the file. Interleaved commits all land, a stale version is refused on either
/// side, and every read sees the other store's last commit.
/// </summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteSharedFileTests
{
    private SqliteTestDirectory _directory = null!;
    private SqliteCallStore _first = null!;
    private SqliteCallStore _second = null!;

    private static CancellationToken None => CancellationToken.None;

    [SetUp]
    public void Open()
    {
        _directory = new SqliteTestDirectory();
        _first = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 5);
        _second = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 5);
    }

    [TearDown]
    public void Close()
    {
        _first.Dispose();
        _second.Dispose();
        _directory.Dispose();
    }

    private async Task<CallRecord> InsertAsync(ICallStore store, CallRecord call)
    {
        await store.CreateUserAsync(User(call.CallerId), None);
        await store.CreateUserAsync(User(call.CalleeId), None);
        Assert.That(await store.CommitAsync(new CallCommit(call, null, [], []), None), Is.EqualTo(CommitOutcome.Committed));
        return call;
    }

    [Test]
    public async Task A_commit_of_one_store_is_seen_by_the_other_s_next_read_and_its_stale_version_is_refused()
    {
        var call = await InsertAsync(_first, Call("c1", "alice", "bob"));
        var readBySecond = await _second.GetCallAsync("c1", None);

        var accepted = call with { Status = CallStatus.Accepted, Version = 2, ConnectDeadline = At(30) };
        Assert.That(await _first.CommitAsync(new CallCommit(accepted, 1, [], []), None), Is.EqualTo(CommitOutcome.Committed));

        var stale = readBySecond! with { Status = CallStatus.Missed, Version = 2, EndReason = "no_answer" };
        Assert.Multiple(async () =>
        {
            Assert.That(await _second.CommitAsync(new CallCommit(stale, 1, [], [new UserPatch("alice", "c1", CoinsDelta: 5)]), None),
                Is.EqualTo(CommitOutcome.VersionConflict), "the second store's copy is out of date");
            Assert.That((await _second.GetCallAsync("c1", None))!.Status, Is.EqualTo(CallStatus.Accepted));
            Assert.That((await _second.GetCallsDueAsync(At(30), 10, None)).Select(c => c.Version), Is.EqualTo(new[] { 2L }));
            Assert.That((await _second.GetUserAsync("alice", None))!.Coins, Is.EqualTo(100), "nothing of the refused commit was kept");
        });
    }

    [Test]
    public async Task A_participant_claimed_through_one_store_is_busy_for_the_other()
    {
        await InsertAsync(_first, Call("c1", "alice", "bob"));
        await _second.CreateUserAsync(User("carol"), None);

        var outcome = await _second.CommitAsync(new CallCommit(Call("c2", "carol", "alice"), null, [], []), None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Busy("alice")));
    }

    [Test]
    public async Task Interleaved_read_modify_writes_from_both_stores_lose_no_update()
    {
        const int PerWriter = 40;
        await InsertAsync(_first, Call("c1", "alice", "bob", CallStatus.Active));
        var conflicts = 0;

        // Each writer's commits differ from every other writer's (EndedBy names it): a commit byte-identical to the stored
        // call is, by the port's contract, a repeat of one that already landed, and is answered as committed.
        async Task WriteAsync(ICallStore store, string writer)
        {
            for (var done = 0; done < PerWriter;)
            {
                var call = (await store.GetCallAsync("c1", None))!;
                var next = call with { ActiveMs = call.ActiveMs + 1, EndedBy = writer, Version = call.Version + 1 };
                var outcome = await store.CommitAsync(new CallCommit(next, call.Version, [], [new UserPatch("alice", "c1", CoinsDelta: 1)]), None);
                if (outcome == CommitOutcome.Committed)
                {
                    done++;
                }
                else
                {
                    Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        // Two writers per store, so each store also interleaves with itself.
        await Task.WhenAll(Task.Run(() => WriteAsync(_first, "w1")), Task.Run(() => WriteAsync(_second, "w2")),
            Task.Run(() => WriteAsync(_first, "w3")), Task.Run(() => WriteAsync(_second, "w4")));

        var final = (await _first.GetCallAsync("c1", None))!;
        Assert.Multiple(async () =>
        {
            Assert.That(final.ActiveMs, Is.EqualTo(4 * PerWriter), "every committed increment of the call is there");
            Assert.That(final.Version, Is.EqualTo(1 + 4 * PerWriter));
            Assert.That((await _second.GetUserAsync("alice", None))!.Coins, Is.EqualTo(100 + 4 * PerWriter), "and every patch of the user");
        });
        TestContext.Out.WriteLine($"{conflicts} compare-and-set conflicts among {4 * PerWriter} commits");
    }
}
