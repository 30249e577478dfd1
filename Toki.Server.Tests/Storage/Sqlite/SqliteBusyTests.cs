using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>Another process holding the write lock: writes give up after the busy timeout as transient failures.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteBusyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SqliteTestDirectory _directory = null!;
    private SqliteCallStore _store = null!;

    [SetUp]
    public async Task OpenStore()
    {
        _directory = new SqliteTestDirectory();
        _store = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 1);
        await _store.CreateUserAsync(User("alice"), None);
        await _store.CreateUserAsync(User("bob"), None);
        await _store.CommitAsync(new CallCommit(Call("c1", "alice", "bob"), null, [], []), None);
    }

    [TearDown]
    public void CloseStore()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    /// <summary>A second connection, as another process would have, holding the write lock until disposed.</summary>
    private SqliteTransaction HoldWriteLock(out SqliteConnection connection)
    {
        connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        return connection.BeginTransaction(deferred: false);
    }

    private static IEnumerable<TestCaseData> Writes()
    {
        yield return new TestCaseData(new Func<ICallStore, Task>(s => s.CommitAsync(
            new CallCommit(Call("c1", "alice", "bob", CallStatus.Missed, version: 2), 1, [], [new UserPatch("alice", "c1", OnCall: false)]), None)))
            .SetName("CommitAsync update");
        yield return new TestCaseData(new Func<ICallStore, Task>(s => s.CommitAsync(
            new CallCommit(Call("c2", "bob", "alice"), null, [], []), None))).SetName("CommitAsync insert");
        yield return new TestCaseData(new Func<ICallStore, Task>(s => s.CreateUserAsync(User("carol"), None))).SetName("CreateUserAsync");
        yield return new TestCaseData(new Func<ICallStore, Task>(s => s.SetCoinsAsync("alice", 5, None))).SetName("SetCoinsAsync");
        yield return new TestCaseData(new Func<ICallStore, Task>(s => s.ClearOnCallIfIdleAsync("alice", None))).SetName("ClearOnCallIfIdleAsync");
    }

    [TestCaseSource(nameof(Writes))]
    public async Task A_write_behind_a_foreign_lock_fails_as_unavailable_and_succeeds_once_it_is_released(Func<ICallStore, Task> write)
    {
        var before = await _store.GetCallAsync("c1", None);
        var held = HoldWriteLock(out var connection);
        try
        {
            var failure = Assert.ThrowsAsync<CallStoreUnavailableException>(() => write(_store).DefaultTimeout());
            Assert.That(failure!.InnerException, Is.TypeOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(5));
            CallRecordAssert.AreEqual(await _store.GetCallAsync("c1", None), before!);
        }
        finally
        {
            held.Dispose();
            connection.Dispose();
        }

        await write(_store);
    }

    [Test]
    public async Task Reads_answer_while_another_process_writes()
    {
        var held = HoldWriteLock(out var connection);
        try
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = held;
                command.CommandText = "UPDATE users SET coins = 1 WHERE id = 'alice'";
                command.ExecuteNonQuery();
            }

            Assert.That(await _store.PingAsync(None), Is.True);
            Assert.That((await _store.GetUserAsync("alice", None))!.Coins, Is.EqualTo(100), "the last committed value");
            Assert.That((await _store.FindLiveCallAsync("bob", None))!.Id, Is.EqualTo("c1"));
        }
        finally
        {
            held.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>Two stores on one file stand for two processes: SQLite's lock alone must decide the race.</summary>
    [Test]
    public async Task Two_stores_on_one_file_still_let_exactly_one_commit_win()
    {
        using var other = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 10);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var store = i % 2 == 0 ? _store : other;
            return await store.CommitAsync(new CallCommit(Call("c1", "alice", "bob", CallStatus.Cancelled, version: 2) with { EndedBy = $"{i}" }, 1, [],
                [new UserPatch("bob", "c1", EarningsDelta: 1)]), None);
        })).ToList();
        start.SetResult();

        var outcomes = await Task.WhenAll(racers).WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);

        Assert.That(outcomes.Count(o => o == CommitOutcome.Committed), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == CommitOutcome.VersionConflict), Is.EqualTo(7));
        Assert.That((await other.GetUserAsync("bob", None))!.Earnings, Is.EqualTo(1));
    }

    [TestCase(5, true, TestName = "SQLITE_BUSY")]
    [TestCase(6, true, TestName = "SQLITE_LOCKED")]
    [TestCase(261, true, TestName = "SQLITE_BUSY_RECOVERY")]
    [TestCase(517, true, TestName = "SQLITE_BUSY_SNAPSHOT")]
    [TestCase(262, true, TestName = "SQLITE_LOCKED_SHAREDCACHE")]
    [TestCase(19, false, TestName = "SQLITE_CONSTRAINT")]
    [TestCase(2067, false, TestName = "SQLITE_CONSTRAINT_UNIQUE")]
    [TestCase(10, false, TestName = "SQLITE_IOERR")]
    [TestCase(13, false, TestName = "SQLITE_FULL")]
    [TestCase(1, false, TestName = "SQLITE_ERROR")]
    public void Only_busy_and_locked_count_as_unavailable(int code, bool busy)
    {
        Assert.That(SqliteErrors.IsBusy(new SqliteException("test", code)), Is.EqualTo(busy));
    }
}
