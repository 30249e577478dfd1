using MongoDB.Bson;
using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The mongo-init scripts run by the real mongosh (from the Node test drivers) against the test server, as
/// docker-compose.yml's mongo-init service runs them, on a database of their own. Skipped without a server.
/// </summary>
[TestFixture]
[Category(TestCategories.Mongo)]
internal sealed class MongoInitScriptTests
{
    private static readonly string[] Scripts = ["01-replica-set.js", "02-collections.js", "03-demo-users.js"];

    private MongoTestServer _server = null!;
    private string _database = null!;

    [OneTimeSetUp]
    public async Task FindServer() => _server = await MongoTestServer.RequireAsync("mongo-init scripts on MongoDB");

    [SetUp]
    public void NameDatabase() => _database = MongoTestDatabase.NewName("init");

    [TearDown]
    public Task DropDatabase() => _server.Client!.DropDatabaseAsync(_database);

    private async Task<ProcessRunner.Result> RunScriptsAsync()
    {
        var mongosh = Path.Combine(RepositoryPaths.NodeDrivers, "node_modules", "mongosh", "bin", "mongosh.js");
        return await ProcessRunner.RunAsync("node",
            [mongosh, "--norc", "--quiet", _server.Uri!, .. Scripts.Select(script => Path.Combine(MongoInitFiles.Folder, script))],
            TimeSpan.FromSeconds(120), new Dictionary<string, string> { ["TOKI_DATABASE"] = _database })
            ?? throw new InvalidOperationException("node is not installed");
    }

    [Test]
    public async Task They_create_the_validated_collections_the_store_s_indexes_and_the_demo_users_and_can_run_again()
    {
        var first = await RunScriptsAsync();
        var second = await RunScriptsAsync();

        Assert.That(first.ExitCode, Is.Zero, first.StandardError + first.StandardOutput);
        Assert.That(second.ExitCode, Is.Zero, second.StandardError + second.StandardOutput);
        Assert.That(second.StandardOutput, Does.Contain("demo users: alice already there, kept"));
        var database = _server.Client!.GetDatabase(_database);
        var collections = await (await database.ListCollectionsAsync()).ToListAsync();
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { MongoStoreCollections.Users, MongoStoreCollections.Calls, MongoStoreCollections.Ledger })
            {
                var options = collections.Single(c => c["name"] == name)["options"].AsBsonDocument;
                Assert.That(options["validator"], Is.EqualTo(MongoInitFiles.Validator(name)), $"{name} validator");
                Assert.That(options["validationLevel"].AsString, Is.EqualTo("strict"));
                Assert.That(options["validationAction"].AsString, Is.EqualTo("error"));
            }
        });
        foreach (var (collection, expected) in MongoStoreIndexes.All())
        {
            var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
            foreach (var spec in expected)
            {
                var index = indexes.Single(i => i["name"] == spec["name"]);
                Assert.That(spec.Names.Select(field => index[field]), Is.EqualTo(spec.Values), $"{collection}.{spec["name"]}");
            }
        }
        var users = await database.GetCollection<BsonDocument>(MongoStoreCollections.Users).Find(new BsonDocument()).Sort(new BsonDocument("_id", 1)).ToListAsync();
        Assert.That(users, Is.EqualTo(new[]
        {
            MongoUserDocument.ToDocument(new UserRecord { Id = "alice", Name = "Alice", Coins = 500 }),
            MongoUserDocument.ToDocument(new UserRecord { Id = "bob", Name = "Bob", Coins = 500 }),
        }), "exactly as the store writes users");

        using var store = new MongoCallStore(_server.Client!, _database, TimeProvider.System, TimeSpan.FromSeconds(5));
        await store.EnsureReadyAsync(CancellationToken.None);
        Assert.That((await store.GetUserAsync("alice", CancellationToken.None))?.Coins, Is.EqualTo(500), "the store starts on what the scripts made");
    }
}
