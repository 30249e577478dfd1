using Microsoft.Data.Sqlite;
using NUnit.Framework;
using SQLitePCL;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>The optimistic batch with no savepoints, and its fallback to one savepoint per write when a write fails.</summary>
internal sealed partial class SqliteGroupCommitTests
{
    private static readonly string[] CommittedWithoutSavepoints = ["BEGIN IMMEDIATE;", "COMMIT;"];
    private readonly List<string> _trace = [];

    [Test]
    public async Task A_batch_in_which_no_write_fails_runs_without_a_savepoint()
    {
        var blocker = HoldTheTracedWriter();

        var pair = _commits.WriteAsync((session, transaction) =>
            InsertUser(session.Connection, transaction, "u1") + InsertUser(session.Connection, transaction, "u2"), None);
        var single = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u3"), None, oneStatement: true);
        var other = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u4"), None);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(await pair.DefaultTimeout(), Is.EqualTo(2));
        Assert.That(await single.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(await other.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(TracedBatch(), Is.EqualTo(CommittedWithoutSavepoints));
        await AssertUsers(present: ["u1", "u2", "u3", "u4"], absent: []);
    }

    [Test]
    public async Task A_write_that_throws_after_writing_sends_the_batch_round_again_with_savepoints_and_is_rolled_back_alone()
    {
        var blocker = HoldTheTracedWriter();
        var runs = 0;

        var before = _commits.WriteAsync((session, transaction) =>
        {
            InsertUser(session.Connection, transaction, "a1");
            InsertUser(session.Connection, transaction, "a2");
            return ++runs;
        }, None);
        var failing = _commits.WriteAsync<int>((session, transaction) =>
        {
            InsertUser(session.Connection, transaction, "b1");
            InsertUser(session.Connection, transaction, "b2");
            throw new InvalidOperationException("b fails after writing");
        }, None);
        var after = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "c1"), None);
        var single = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "d1"), None, oneStatement: true);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(await before.DefaultTimeout(), Is.EqualTo(2), "the result of the run that was committed");
        Assert.That(runs, Is.EqualTo(2));
        Assert.That(() => failing.DefaultTimeout(), Throws.InvalidOperationException.With.Message.EqualTo("b fails after writing"));
        Assert.That(await after.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(await single.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(TracedBatch(), Is.EqualTo(new[]
        {
            "BEGIN IMMEDIATE;", "ROLLBACK;",
            "BEGIN IMMEDIATE;",
            "SAVEPOINT write;", "RELEASE write;",
            "SAVEPOINT write;", "ROLLBACK TO write;", "RELEASE write;",
            "SAVEPOINT write;", "RELEASE write;",
            "COMMIT;",
        }));
        await AssertUsers(present: ["a1", "a2", "c1", "d1"], absent: ["b1", "b2"]);
    }

    [Test]
    public async Task Two_failing_writes_in_one_batch_each_get_their_own_exception_and_only_their_rows_are_undone()
    {
        var blocker = HoldTheTracedWriter();

        var first = _commits.WriteAsync<int>((session, transaction) =>
        {
            InsertUser(session.Connection, transaction, "x1");
            throw new InvalidOperationException("the first fails");
        }, None);
        var kept = _commits.WriteAsync((session, transaction) =>
            InsertUser(session.Connection, transaction, "y1") + InsertUser(session.Connection, transaction, "y2"), None);
        // The holding write's user again: a primary key violation after a row of its own.
        var second = _commits.WriteAsync((session, transaction) =>
            InsertUser(session.Connection, transaction, "z1") + InsertUser(session.Connection, transaction, "u0"), None);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(() => first.DefaultTimeout(), Throws.InvalidOperationException.With.Message.EqualTo("the first fails"));
        Assert.That(await kept.DefaultTimeout(), Is.EqualTo(2));
        Assert.That(() => second.DefaultTimeout(), Throws.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(19));
        Assert.That(TracedBatch(), Has.Exactly(2).EqualTo("ROLLBACK TO write;").And.Exactly(1).EqualTo("ROLLBACK;"));
        await AssertUsers(present: ["u0", "y1", "y2"], absent: ["x1", "z1"]);
    }

    [Test]
    public async Task A_failing_one_statement_write_among_writes_of_several_statements_needs_no_second_round()
    {
        var blocker = HoldTheTracedWriter();

        var pair = _commits.WriteAsync((session, transaction) =>
            InsertUser(session.Connection, transaction, "u1") + InsertUser(session.Connection, transaction, "u2"), None);
        // A multi-row insert whose second row breaks the primary key: SQLite undoes the statement's first row too.
        var failing = _commits.WriteAsync((session, transaction) =>
            Execute(session.Connection, transaction, "INSERT INTO users (id, name) VALUES ('u3', 'u3'), ('u1', 'again');"), None, oneStatement: true);
        var other = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u4"), None);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(await pair.DefaultTimeout(), Is.EqualTo(2));
        Assert.That(() => failing.DefaultTimeout(), Throws.InstanceOf<SqliteException>());
        Assert.That(await other.DefaultTimeout(), Is.EqualTo(1));
        Assert.That(TracedBatch(), Is.EqualTo(CommittedWithoutSavepoints));
        await AssertUsers(present: ["u1", "u2", "u4"], absent: ["u3"]);
    }

    [Test]
    public async Task A_write_that_failed_only_in_the_rolled_back_round_is_reported_by_the_committed_one()
    {
        var blocker = HoldTheTracedWriter();
        var runs = 0;

        var flaky = _commits.WriteAsync((session, transaction) =>
            ++runs == 1 ? throw new InvalidOperationException("only the first run fails") : InsertUser(session.Connection, transaction, "u1"), None, oneStatement: true);
        var failing = _commits.WriteAsync((session, transaction) =>
            InsertUser(session.Connection, transaction, "u2") + InsertUser(session.Connection, transaction, "u0"), None);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(await flaky.DefaultTimeout(), Is.EqualTo(1), "its first run's failure was rolled back with that round");
        Assert.That(() => failing.DefaultTimeout(), Throws.InstanceOf<SqliteException>());
        await AssertUsers(present: ["u1"], absent: ["u2"]);
    }

    [Test]
    public async Task A_write_that_ends_the_transaction_without_throwing_fails_its_whole_batch()
    {
        var blocker = HoldTheWriter();

        var before = _commits.WriteAsync((session, transaction) => InsertUser(session.Connection, transaction, "u1"), None);
        var ending = _commits.WriteAsync((session, _) => session.Statement("ROLLBACK;").Execute(), None);
        // A raw statement, as the store's hot writes use: unlike a command, nothing in Microsoft.Data.Sqlite stops it
        // from running (and committing at once) outside the rolled-back transaction.
        var after = _commits.WriteAsync((session, _) => session.Statement("INSERT INTO users (id, name) VALUES ('u3', 'u3');").Execute(), None, oneStatement: true);
        _release.Set();

        await blocker.DefaultTimeout();
        Assert.That(() => before.DefaultTimeout(), Throws.Exception, "its transaction was rolled back: it must not be reported as written");
        Assert.That(() => ending.DefaultTimeout(), Throws.Exception);
        Assert.That(() => after.DefaultTimeout(), Throws.Exception, "it must not run outside the batch's transaction");
        await AssertUsers(present: [], absent: ["u1", "u3"]);
    }

    /// <summary>
    /// <see cref="HoldTheWriter"/>, recording into <see cref="_trace"/> every statement the writer's connection starts from
    /// then on (SQLite's trace hook, on the writer's own thread).
    /// </summary>
    private Task<int> HoldTheTracedWriter()
    {
        _trace.Clear();
        return HoldTheWriter(session => raw.sqlite3_trace(session.Connection.Handle, (_, sql) =>
        {
            lock (_trace)
            {
                _trace.Add(sql);
            }
        }, null));
    }

    /// <summary>The transaction and savepoint statements of the batches after the holding write's.</summary>
    private string[] TracedBatch()
    {
        lock (_trace)
        {
            var control = _trace.Where(sql => sql.Split(' ')[0].TrimEnd(';') is "BEGIN" or "COMMIT" or "ROLLBACK" or "SAVEPOINT" or "RELEASE").ToList();
            Assert.That(control, Is.Not.Empty.And.Some.EqualTo("COMMIT;"), "the holding write's batch commits while traced");
            return [.. control.Skip(control.IndexOf("COMMIT;") + 1)];
        }
    }

    private async Task AssertUsers(string[] present, string[] absent)
    {
        foreach (var id in present)
        {
            Assert.That(await _store.GetUserAsync(id, None), Is.Not.Null, $"{id} is kept");
        }
        foreach (var id in absent)
        {
            Assert.That(await _store.GetUserAsync(id, None), Is.Null, $"{id} is rolled back");
        }
    }
}
