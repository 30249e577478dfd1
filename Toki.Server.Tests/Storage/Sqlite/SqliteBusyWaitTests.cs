using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>
/// The bundled SQLite sleeps in milliseconds. A build without <c>usleep</c> sleeps whole seconds, so every wait
/// inside SQLite (a reader retrying its WAL snapshot, the busy handler) lasts at least 1 s; the call setups' tail
/// was exactly that once. A functional check, not a performance test: the bounds are far from both outcomes.
/// </summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteBusyWaitTests
{
    private static readonly TimeSpan HeldFor = TimeSpan.FromMilliseconds(50);

    /// <summary>Well under the whole second a sleep of a build without usleep takes, with room for a loaded machine.</summary>
    private static readonly TimeSpan WellUnderASecond = TimeSpan.FromMilliseconds(800);

    private SqliteTestDirectory _directory = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _directory = new SqliteTestDirectory();
        // The store creates the schema and switches the file to WAL, as in production.
        SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 5).Dispose();
    }

    [TearDown]
    public void RemoveDatabase() => _directory.Dispose();

    [Test]
    public async Task SQLites_own_busy_wait_for_a_lock_held_50_ms_ends_well_under_a_second()
    {
        using var waiter = Open();
        Execute(waiter, "PRAGMA busy_timeout = 5000");

        var waited = await WaitBehindLockAsync(() => Execute(waiter, "BEGIN IMMEDIATE; COMMIT"));

        Assert.That(waited, Is.GreaterThanOrEqualTo(HeldFor).And.LessThan(WellUnderASecond),
            "SQLite's busy handler sleeps with usleep; without it the first retry comes after 1 s");
    }

    [Test]
    public async Task The_stores_busy_wait_for_a_lock_held_50_ms_ends_well_under_a_second()
    {
        using var waiter = Open();

        // The store's connections leave SQLite's busy timeout off and let Microsoft.Data.Sqlite retry.
        var waited = await WaitBehindLockAsync(() => Execute(waiter, "BEGIN IMMEDIATE; COMMIT"));

        Assert.That(waited, Is.GreaterThanOrEqualTo(HeldFor).And.LessThan(WellUnderASecond));
    }

    /// <summary>
    /// Takes the write lock on another connection, releases it after <see cref="HeldFor"/>, and times <paramref name="write"/>.
    /// Both run on threads of their own: a blocked thread-pool thread could otherwise delay the release itself.
    /// </summary>
    private async Task<TimeSpan> WaitBehindLockAsync(Action write)
    {
        using var holder = Open();
        Execute(holder, "BEGIN IMMEDIATE");
        var time = TimeProvider.System;
        using var writing = new ManualResetEventSlim();
        var release = Task.Factory.StartNew(() =>
        {
            writing.Wait();
            using var never = new ManualResetEventSlim();
            never.Wait(HeldFor);
            Execute(holder, "COMMIT");
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var waited = await Task.Factory.StartNew(() =>
        {
            var started = time.GetTimestamp();
            writing.Set();
            write();
            return time.GetElapsedTime(started);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await release;
        await TestContext.Out.WriteLineAsync($"The write waited {waited.TotalMilliseconds:F0} ms behind a lock held {HeldFor.TotalMilliseconds:F0} ms.");
        return waited;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False;Default Timeout=5");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
