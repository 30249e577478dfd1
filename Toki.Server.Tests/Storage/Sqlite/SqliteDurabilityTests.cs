using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>The writer's <c>synchronous</c> setting follows <c>Storage:Sqlite:Durability</c>; readers never write.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteDurabilityTests
{
    private SqliteTestDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new SqliteTestDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    [TestCase(SqliteDurability.Full, 2L)]
    [TestCase(SqliteDurability.Normal, 1L)]
    public void The_writers_connection_syncs_as_configured(SqliteDurability durability, long synchronous)
    {
        var connections = new SqliteConnectionFactory(_directory.DatabasePath, busyTimeoutSeconds: 5, durability);
        try
        {
            using var writer = connections.Open();
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA synchronous";

            Assert.That(command.ExecuteScalar(), Is.EqualTo(synchronous));
        }
        finally
        {
            connections.ClearPool();
        }
    }

    [TestCase(SqliteDurability.Full)]
    [TestCase(SqliteDurability.Normal)]
    public void The_writers_connection_journals_savepoints_in_memory(SqliteDurability durability)
    {
        var connections = new SqliteConnectionFactory(_directory.DatabasePath, busyTimeoutSeconds: 5, durability);
        try
        {
            using var writer = connections.Open();
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA temp_store";

            Assert.That(command.ExecuteScalar(), Is.EqualTo(2L), "MEMORY");
        }
        finally
        {
            connections.ClearPool();
        }
    }

    [Test]
    public async Task A_store_on_normal_durability_keeps_what_it_committed_across_a_reopen()
    {
        using (var store = SqliteCallStore.Open(_directory.DatabasePath, 5, SqliteDurability.Normal))
        {
            Assert.That(await store.CreateUserAsync(StoreTestData.User("alice", coins: 70), CancellationToken.None), Is.True);
        }
        SqliteConnection.ClearAllPools();

        using var reopened = SqliteCallStore.Open(_directory.DatabasePath, 5);

        Assert.That((await reopened.GetUserAsync("alice", CancellationToken.None))?.Coins, Is.EqualTo(70));
    }
}
