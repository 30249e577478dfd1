using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteSchemaTests
{
    private SqliteTestDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new SqliteTestDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _directory.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<object?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }
        return rows;
    }

    [Test]
    public void A_new_file_gets_the_current_schema_version_in_WAL_mode_with_its_tables_and_indexes()
    {
        using (SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
        }

        using var raw = OpenRaw();
        var objects = Query(raw, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
            .Select(r => $"{r[0]} {r[1]}");
        Assert.Multiple(() =>
        {
            Assert.That(Query(raw, "SELECT version FROM schema_version").Select(r => r[0]), Is.EqualTo(new object[] { 6L }));
            Assert.That(Query(raw, "PRAGMA journal_mode")[0][0], Is.EqualTo("wal"));
            Assert.That(objects, Is.EqualTo(new[]
            {
                "table calls", "index ix_calls_callee_history", "index ix_calls_caller_history", "index ix_calls_created", "index ix_calls_due",
                "index ix_calls_live_callee", "index ix_calls_live_caller", "index ix_calls_status_created", "index ix_transactions_call", "table schema_version",
                "table transactions", "table users", "index ux_transactions_key",
            }));
            Assert.That(Query(raw, "PRAGMA index_list('transactions')").Where(r => (string)r[1]! == "ux_transactions_key").Select(r => r[2]),
                Is.EqualTo(new object[] { 1L }), "the ledger key index is unique");
        });
    }

    [Test]
    public void Opening_again_keeps_the_version_and_the_data()
    {
        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            Assert.That(store.CreateUserAsync(StoreTestData.User("alice"), CancellationToken.None).Result, Is.True);
        }
        using (SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
        }

        using var raw = OpenRaw();
        Assert.That(Query(raw, "SELECT version FROM schema_version").Select(r => r[0]), Is.EqualTo(new object[] { (long)SqliteSchema.CurrentVersion }));
        Assert.That(Query(raw, "SELECT id FROM users").Select(r => r[0]), Is.EqualTo(new object[] { "alice" }));
    }

    [Test]
    public async Task A_version_1_file_gets_the_live_call_indexes_of_version_2_and_keeps_its_calls()
    {
        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            await store.CreateUserAsync(StoreTestData.User("alice"), CancellationToken.None);
            await store.CreateUserAsync(StoreTestData.User("bob"), CancellationToken.None);
            await store.CommitAsync(new Toki.Calls.Ports.CallCommit(StoreTestData.Call("c1", "alice", "bob"), null, [], []), CancellationToken.None);
        }
        using (var raw = OpenRaw())
        {
            // What version 1 created.
            const string V1Live = "status IN ('pending', 'accepted', 'active', 'interrupted')";
            Query(raw, $"""
                DROP INDEX ix_calls_live_caller; DROP INDEX ix_calls_live_callee;
                CREATE INDEX ix_calls_live_caller ON calls (callerId) WHERE {V1Live};
                CREATE INDEX ix_calls_live_callee ON calls (calleeId) WHERE {V1Live};
                CREATE INDEX ix_calls_live ON calls (status) WHERE {V1Live};
                {UndoVersion5}
                UPDATE schema_version SET version = 1;
                """);
        }

        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            Assert.That((await store.FindLiveCallAsync("bob", CancellationToken.None))?.Id, Is.EqualTo("c1"));
        }

        using var check = OpenRaw();
        var liveIndexes = Query(check, "SELECT sql FROM sqlite_master WHERE name LIKE 'ix_calls_live%' ORDER BY name").Select(r => (string)r[0]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Query(check, "SELECT version FROM schema_version").Select(r => r[0]), Is.EqualTo(new object[] { (long)SqliteSchema.CurrentVersion }));
            Assert.That(liveIndexes, Has.Count.EqualTo(2), "version 6 dropped the third, on the status alone");
            Assert.That(liveIndexes, Has.All.EndsWith("WHERE " + SqliteCallQueries.IsLive));
        });
    }

    [Test]
    public async Task A_version_2_file_gets_the_ledger_index_of_version_3_and_keeps_its_ledger()
    {
        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            await store.CreateUserAsync(StoreTestData.User("alice"), CancellationToken.None);
            await store.CreateUserAsync(StoreTestData.User("bob"), CancellationToken.None);
            await store.CommitAsync(new Toki.Calls.Ports.CallCommit(StoreTestData.Call("c1", "alice", "bob"), null,
                [StoreTestData.Entry("c1", Toki.Calls.Domain.LedgerKind.Hold, "alice", 5, StoreTestData.T0)], []), CancellationToken.None);
        }
        using (var raw = OpenRaw())
        {
            // What version 2 had.
            Query(raw, $"""
                DROP INDEX ix_transactions_call;
                CREATE INDEX ix_transactions_call ON transactions (callId, at);
                {UndoVersion6}
                {UndoVersion5}
                UPDATE schema_version SET version = 2;
                """);
        }

        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            Assert.That((await store.GetLedgerAsync("c1", CancellationToken.None)).Select(e => e.Key), Is.EqualTo(new[] { "c1:hold" }));
        }

        using var check = OpenRaw();
        Assert.Multiple(() =>
        {
            Assert.That(Query(check, "SELECT version FROM schema_version").Select(r => r[0]), Is.EqualTo(new object[] { (long)SqliteSchema.CurrentVersion }));
            Assert.That(Query(check, "SELECT sql FROM sqlite_master WHERE name = 'ix_transactions_call'").Select(r => r[0]),
                Is.EqualTo(new object[] { "CREATE INDEX ix_transactions_call ON transactions (callId, at, key)" }));
        });
    }

    /// <summary>Each call with its two users, created through the current store.</summary>
    private async Task StoreAsync(params Toki.Calls.Domain.CallRecord[] calls)
    {
        using var store = SqliteCallStore.Open(_directory.DatabasePath, 5);
        foreach (var call in calls)
        {
            await store.CreateUserAsync(StoreTestData.User(call.CallerId), CancellationToken.None);
            await store.CreateUserAsync(StoreTestData.User(call.CalleeId), CancellationToken.None);
            await store.CommitAsync(new Toki.Calls.Ports.CallCommit(call, null, [], []), CancellationToken.None);
        }
    }

    /// <summary>What version 6 dropped, back again: the file as version 5 left it.</summary>
    private const string UndoVersion6 = $"CREATE INDEX ix_calls_live ON calls (status) WHERE {SqliteCallQueries.IsLive};";

    [Test]
    public async Task A_version_5_file_loses_the_status_index_of_the_live_calls_and_still_finds_them()
    {
        var ringing = StoreTestData.Call("c-ring", "alice", "bob");
        var active = StoreTestData.Call("c-act", "carol", "dave", Toki.Calls.Domain.CallStatus.Active);
        var ended = StoreTestData.Call("c-end", "erin", "frank", Toki.Calls.Domain.CallStatus.Ended);
        await StoreAsync(ringing, active, ended);
        using (var raw = OpenRaw())
        {
            Query(raw, $"{UndoVersion6} UPDATE schema_version SET version = 5;");
        }

        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            Assert.That((await store.GetLiveCallsAsync(CancellationToken.None)).Select(c => c.Id), Is.EquivalentTo(new[] { "c-ring", "c-act" }));
        }
        using var check = OpenRaw();
        Assert.Multiple(() =>
        {
            Assert.That(Query(check, "SELECT version FROM schema_version").Select(r => r[0]), Is.EqualTo(new object[] { 6L }));
            Assert.That(Query(check, "SELECT name FROM sqlite_master WHERE name = 'ix_calls_live'"), Is.Empty);
        });
    }

    /// <summary>What version 5 added, taken away again: the file as version 4 left it.</summary>
    private const string UndoVersion5 = "DROP INDEX ix_calls_due; ALTER TABLE calls DROP COLUMN dueAt;";

    [Test]
    public async Task A_version_4_file_gets_the_deadline_of_each_live_call_and_the_sweep_finds_them()
    {
        var interrupted = StoreTestData.Call("c-int", "carol", "dave", Toki.Calls.Domain.CallStatus.Interrupted) with
        {
            InterruptedUserIds = ["carol", "dave"],
            RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["carol"] = StoreTestData.At(30), ["dave"] = StoreTestData.At(25) },
        };
        var ringing = StoreTestData.Call("c-ring", "alice", "bob") with { RingDeadline = StoreTestData.At(20) };
        var ended = StoreTestData.Call("c-end", "erin", "frank", Toki.Calls.Domain.CallStatus.Ended) with { EndsAt = StoreTestData.At(1) };
        await StoreAsync(interrupted, ringing, ended);
        using (var raw = OpenRaw())
        {
            Query(raw, $"{UndoVersion6} {UndoVersion5} UPDATE schema_version SET version = 4;");
        }

        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
            var due = await store.GetCallsDueAsync(StoreTestData.At(1000), 10, CancellationToken.None);
            Assert.That(due.Select(c => c.Id), Is.EqualTo(new[] { "c-ring", "c-int" }));
        }
        using var check = OpenRaw();
        Assert.That(Query(check, "SELECT id, dueAt FROM calls ORDER BY id").Select(r => $"{r[0]} {(r[1] is DBNull ? "null" : r[1])}"), Is.EqualTo(new[]
        {
            "c-end null", $"c-int {StoreTestData.At(25).ToUnixTimeMilliseconds()}", $"c-ring {StoreTestData.At(20).ToUnixTimeMilliseconds()}",
        }));
    }

    [Test]
    public async Task Disposing_the_store_closes_the_database_files()
    {
        Assume.That(Directory.Exists("/proc/self/fd"), "needs Linux's view of open files");
        var store = SqliteCallStore.Open(_directory.DatabasePath, 5);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.GetLiveCallsAsync(CancellationToken.None))));
        Assert.That(OpenFiles(), Is.Not.Empty, "the pool keeps connections open while the store lives");

        store.Dispose();

        Assert.That(OpenFiles(), Is.Empty);
    }

    private List<string> OpenFiles() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => fd.LinkTarget)
            .OfType<string>()
            .Where(target => target.StartsWith(_directory.DatabasePath, StringComparison.Ordinal))];

    [Test]
    public void A_file_from_a_newer_server_is_refused()
    {
        using (SqliteCallStore.Open(_directory.DatabasePath, 5))
        {
        }
        using (var raw = OpenRaw())
        {
            Query(raw, "UPDATE schema_version SET version = 7");
        }

        Assert.That(() => SqliteCallStore.Open(_directory.DatabasePath, 5),
            Throws.InvalidOperationException.With.Message.Contains("schema version 7"));
    }

    [Test]
    public void The_folder_of_the_file_is_created()
    {
        var path = Path.Combine(_directory.Path, "a", "b", "toki.db");

        using var store = SqliteCallStore.Open(path, 5);

        Assert.That(File.Exists(path), Is.True);
        Assert.That(store.DatabasePath, Is.EqualTo(path));
    }

    [Test]
    public void Every_connection_enforces_foreign_keys_and_syncs_fully()
    {
        using var store = SqliteCallStore.Open(_directory.DatabasePath, 5);
        var factory = new SqliteConnectionFactory(_directory.DatabasePath, 5);

        for (var i = 0; i < 3; i++)
        {
            using var connection = factory.Open();
            Assert.Multiple(() =>
            {
                Assert.That(Query(connection, "PRAGMA foreign_keys")[0][0], Is.EqualTo(1L));
                Assert.That(Query(connection, "PRAGMA synchronous")[0][0], Is.EqualTo(2L), "FULL");
            });
            Query(connection, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF;");
        }
        factory.ClearPool();
    }

    [Test]
    public async Task A_call_between_unknown_users_is_refused_by_the_foreign_keys()
    {
        using var store = SqliteCallStore.Open(_directory.DatabasePath, 5);

        Assert.That(() => store.CommitAsync(new Toki.Calls.Ports.CallCommit(StoreTestData.Call("c1", "ghost", "phantom"), null, [], []), CancellationToken.None),
            Throws.TypeOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(19));
        Assert.That(await store.GetCallAsync("c1", CancellationToken.None), Is.Null);
    }
}
