using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>
/// Group commit: writes that queue up while a batch runs share the next transaction, with no savepoints until a write
/// fails; then the batch runs again with each write under its own savepoint (a write of one statement without one).
/// </summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed partial class SqliteGroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SqliteTestDirectory _directory = null!;
    private SqliteCallStore _store = null!;
    private SqliteGroupCommit _commits = null!;
    private ManualResetEventSlim _release = null!;

    [SetUp]
    public void Open()
    {
        _directory = new SqliteTestDirectory();
        _store = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 5);
        _commits = new SqliteGroupCommit(new SqliteConnectionFactory(_directory.DatabasePath, 5));
        _release = new ManualResetEventSlim();
    }

    [TearDown]
    public void Close()
    {
        _release.Set();
        _commits.Dispose();
        _release.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task Writes_queued_behind_a_running_batch_share_one_transaction_and_a_failing_one_is_rolled_back_alone()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var transactions = new SqliteTransaction[4];
        var first = _commits.WriteAsync((session, transaction) =>
        {
            started.Set();
            release.Wait();
            transactions[0] = transaction;
            return InsertUser(session.Connection, transaction, "u0");
        }, None);
        Assert.That(started.Wait(TimeSpan.FromSeconds(10)), Is.True);

        var second = _commits.WriteAsync((session, transaction) => { transactions[1] = transaction; return InsertUser(session.Connection, transaction, "u1"); }, None);
        var failing = _commits.WriteAsync<int>((session, transaction) =>
        {
            transactions[2] = transaction;
            InsertUser(session.Connection, transaction, "u2");
            throw new InvalidOperationException("this write fails after writing");
        }, None);
        var third = _commits.WriteAsync((session, transaction) => { transactions[3] = transaction; return InsertUser(session.Connection, transaction, "u3"); }, None);
        release.Set();

        Assert.That(await first.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(await second.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(await third.DefaultTimeout(), Is.EqualTo(1));
        Assert.ThrowsAsync<InvalidOperationException>(() => failing.DefaultTimeout());
        Assert.That(transactions[1], Is.SameAs(transactions[2]).And.SameAs(transactions[3]), "the queued writes form one batch");
        Assert.That(transactions[1], Is.Not.SameAs(transactions[0]));
        Assert.That(await _store.GetUserAsync("u0", None), Is.Not.Null);
        Assert.That(await _store.GetUserAsync("u1", None), Is.Not.Null);
        Assert.That(await _store.GetUserAsync("u2", None), Is.Null, "the failing write's own insert is rolled back");
        Assert.That(await _store.GetUserAsync("u3", None), Is.Not.Null);
    }

    [Test]
    public async Task A_failing_one_statement_write_without_a_savepoint_is_rolled_back_alone()
    {
        var blocker = HoldTheWriter();

        var before = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u1"), None, oneStatement: true);
        // A multi-row insert whose second row breaks the primary key: SQLite undoes the statement's first row too.
        var failing = _commits.WriteAsync((session, transaction) =>
            Execute(session.Connection, transaction, "INSERT INTO users (id, name) VALUES ('u2', 'u2'), ('u1', 'again');"), None, oneStatement: true);
        var after = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u3"), None, oneStatement: true);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(await before.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(await after.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(() => failing.DefaultTimeout(), Throws.InstanceOf<SqliteException>());
        Assert.That(await _store.GetUserAsync("u1", None), Has.Property("Name").EqualTo("u1"));
        Assert.That(await _store.GetUserAsync("u2", None), Is.Null, "the failed statement's own first row is undone");
        Assert.That(await _store.GetUserAsync("u3", None), Is.Not.Null);
    }

    [Test]
    public async Task A_one_statement_write_whose_failure_ends_the_transaction_fails_its_whole_batch()
    {
        var blocker = HoldTheWriter();

        var before = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u1"), None, oneStatement: true);
        // Stands in for the errors on which SQLite rolls back the whole transaction (a full disk, an I/O error).
        var failing = _commits.WriteAsync<int>((session, _) =>
        {
            session.Statement("ROLLBACK;").Execute();
            throw new InvalidOperationException("the transaction is gone");
        }, None, oneStatement: true);
        var after = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u3"), None, oneStatement: true);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(() => before.DefaultTimeout(), Throws.Exception, "its transaction was rolled back: it must not be reported as written");
        Assert.That(() => failing.DefaultTimeout(), Throws.Exception);
        Assert.That(() => after.DefaultTimeout(), Throws.Exception, "it must not run outside the batch's transaction");
        Assert.That(await _store.GetUserAsync("u1", None), Is.Null);
        Assert.That(await _store.GetUserAsync("u3", None), Is.Null);

        Assert.That(await _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u4"), None, oneStatement: true).DefaultTimeout(),
            Is.EqualTo(1), "the next batch runs on a fresh session");
        Assert.That(await _store.GetUserAsync("u4", None), Is.Not.Null);
    }

    [Test]
    public async Task A_write_cancelled_while_queued_never_runs()
    {
        var blocker = HoldTheWriter();
        using var cancel = new CancellationTokenSource();
        var cancelled = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u1"), cancel.Token);
        cancel.Cancel();
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(async () => await cancelled.DefaultTimeout(), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await _store.GetUserAsync("u1", None), Is.Null);
    }

    [Test]
    public async Task Many_concurrent_writes_all_commit()
    {
        var writes = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, $"user-{i}"), None)))
            .ToArray();
        var results = await Task.WhenAll(writes).DefaultTimeout();

        Assert.That(results, Is.All.EqualTo(1));
        for (var i = 0; i < 200; i++)
        {
            Assert.That(await _store.GetUserAsync($"user-{i}", None), Is.Not.Null, $"user-{i}");
        }
    }

    /// <summary>
    /// A first write that holds the writer until <see cref="_release"/> is set: writes queued meanwhile share the next batch.
    /// <paramref name="onWriter"/> runs first on the writer's own connection and thread.
    /// </summary>
    private Task<int> HoldTheWriter(Action<SqliteSession>? onWriter = null)
    {
        var started = new ManualResetEventSlim();
        var blocker = _commits.WriteAsync((session, transaction) =>
        {
            onWriter?.Invoke(session);
            started.Set();
            _release.Wait();
            return InsertUser(session.Connection, transaction, "u0");
        }, None);
        Assert.That(started.Wait(TimeSpan.FromSeconds(10)), Is.True, "the writer never started the holding write");
        return blocker;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static int InsertUser(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO users (id, name) VALUES (@id, @id);";
        command.Parameters.AddWithValue("@id", id);
        return command.ExecuteNonQuery();
    }
}
