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
        using var waiter = StoreConnection();

        var waited = await WaitBehindLockAsync(() => Execute(waiter, "BEGIN IMMEDIATE; COMMIT"), HeldFor);

        Assert.That(waited, Is.GreaterThanOrEqualTo(HeldFor).And.LessThan(WellUnderASecond));
    }

    /// <summary>
    /// Microsoft.Data.Sqlite's own retry loop sleeps 150 ms after a busy answer: a write behind another process's
    /// 20 ms transaction (a group commit of the other server) waited at least 150 ms. SQLite's busy handler, which
    /// the store's connections arm, retries within milliseconds. The bound is the 150 ms that the loop cannot beat.
    /// </summary>
    [Test]
    public async Task The_stores_writer_behind_another_process_20_ms_lock_waits_milliseconds_not_a_150_ms_retry_sleep()
    {
        var heldFor = TimeSpan.FromMilliseconds(20);
        using var waiter = StoreConnection();

        var waited = await WaitBehindLockAsync(() => Execute(waiter, "BEGIN IMMEDIATE; COMMIT"), heldFor);

        Assert.That(waited, Is.GreaterThanOrEqualTo(heldFor).And.LessThan(TimeSpan.FromMilliseconds(150)),
            "a busy write is retried by SQLite's busy handler (ms sleeps), not by Microsoft.Data.Sqlite's loop (150 ms sleeps)");
    }

    [Test]
    public void The_stores_connections_arm_SQLites_busy_handler_for_the_configured_timeout()
    {
        var connections = new SqliteConnectionFactory(_directory.DatabasePath, busyTimeoutSeconds: 3);
        try
        {
            using var writer = connections.Open();
            using var reader = connections.OpenForRead();

            Assert.That(Scalar(writer, "PRAGMA busy_timeout"), Is.EqualTo(3000L));
            Assert.That(Scalar(reader, "PRAGMA busy_timeout"), Is.EqualTo(3000L));
        }
        finally
        {
            connections.ClearPool();
        }
    }

    /// <summary>
    /// Takes the write lock on another connection, releases it after <see cref="HeldFor"/>, and times <paramref name="write"/>.
    /// Both run on threads of their own: a blocked thread-pool thread could otherwise delay the release itself.
    /// </summary>
    private async Task<TimeSpan> WaitBehindLockAsync(Action write) => await WaitBehindLockAsync(write, HeldFor);

    private async Task<TimeSpan> WaitBehindLockAsync(Action write, TimeSpan heldFor)
    {
        using var holder = Open();
        Execute(holder, "BEGIN IMMEDIATE");
        var time = TimeProvider.System;
        using var writing = new ManualResetEventSlim();
        var release = Task.Factory.StartNew(() =>
        {
            writing.Wait();
            using var never = new ManualResetEventSlim();
            never.Wait(heldFor);
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
        await TestContext.Out.WriteLineAsync($"The write waited {waited.TotalMilliseconds:F0} ms behind a lock held {heldFor.TotalMilliseconds:F0} ms.");
        return waited;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False;Default Timeout=5");
        connection.Open();
        return connection;
    }

    /// <summary>A writer's connection as the store opens it (its pool is cleared with the test directory's).</summary>
    private SqliteConnection StoreConnection() => new SqliteConnectionFactory(_directory.DatabasePath, busyTimeoutSeconds: 5).Open();

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
