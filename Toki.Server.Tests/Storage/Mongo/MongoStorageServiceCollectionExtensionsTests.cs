using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Ports;
using Toki.Server.Hosting;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Which store <c>AddTokiStore</c> picks, and what the MongoDB store does, or refuses, at startup.</summary>
[Category(TestCategories.Mongo)]
internal sealed class MongoStorageServiceCollectionExtensionsTests
{
    private SqliteTestDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new SqliteTestDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private IHost Build(Dictionary<string, string?> settings) =>
        StoreTestHost.Build(_directory.Path, settings, (services, configuration) => services.AddTokiStore(configuration));

    [TestCase("mongodb://127.0.0.1:1/calls?replicaSet=rs0", null, "calls")]
    [TestCase("mongodb://127.0.0.1:1/calls?replicaSet=rs0", "other", "calls")]
    [TestCase("mongodb://127.0.0.1:1/?replicaSet=rs0", "other", "other")]
    [TestCase("mongodb://127.0.0.1:1", null, "toki")]
    public void A_uri_selects_the_mongodb_store_on_the_database_its_path_names_or_else_the_configured_one(string uri, string? database, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Storage:MongoDB:Uri"] = uri };
        if (database is not null)
        {
            settings["Storage:MongoDB:Database"] = database;
        }
        using var host = Build(settings);

        var store = host.Services.GetRequiredService<ICallStore>();

        Assert.That(store, Is.TypeOf<MongoCallStore>());
        Assert.That(((MongoCallStore)store).DatabaseName, Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Without_a_uri_the_sqlite_store_is_selected(string? uri)
    {
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = uri });

        Assert.That(host.Services.GetRequiredService<ICallStore>(), Is.TypeOf<SqliteCallStore>());
    }

    [Test]
    public void An_invalid_uri_stops_the_start_with_the_driver_s_reason_and_without_the_password()
    {
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = "mongo://admin:s3cret@db/toki" });

        Assert.That(() => host.StartAsync(), Throws.InvalidOperationException.With.Message.EqualTo(
            "Storage:MongoDB:Uri is not a valid MongoDB connection string: The connection string 'mongo://<hidden>@db/toki' is not valid."));
    }

    [Test]
    public void An_unreachable_server_stops_the_start_once_the_server_selection_timeout_has_passed()
    {
        var port = TcpRelay.FreeLoopbackPort();
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = $"mongodb://127.0.0.1:{port}/toki?serverSelectionTimeoutMS=300&connectTimeoutMS=300" });

        Assert.That(() => host.StartAsync().DefaultTimeout(), Throws.InvalidOperationException.With.Message.StartsWith(
            $"MongoDB (127.0.0.1:{port}, database 'toki') was unavailable at startup (server selection timeout 0.3 s, serverSelectionTimeoutMS), " +
            "so the server does not start: MongoDB is unavailable: A timeout occurred after ").And.Message.Contains("Connection refused"));
    }

    [TestCase("Storage:MongoDB:Database", " ")]
    [TestCase("Storage:MongoDB:PingTimeout", "00:00:00")]
    [TestCase("Storage:MongoDB:WriteConcernTimeout", "-00:00:01")]
    public void Invalid_settings_stop_the_start(string key, string value)
    {
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = "mongodb://127.0.0.1:1/?replicaSet=rs0", [key] = value });

        Assert.That(() => host.StartAsync(), Throws.TypeOf<OptionsValidationException>());
    }

    [Test]
    public async Task Startup_on_a_replica_set_creates_the_indexes_then_seeds_and_the_store_answers()
    {
        var server = await MongoTestServer.RequireAsync("MongoDB startup");
        var database = MongoTestDatabase.NewName("startup");
        File.Copy(Path.Combine(RepositoryPaths.Root, "Toki.Server", "seed-users.json"), Path.Combine(_directory.Path, "seed-users.json"));
        using var host = Build(new()
        {
            ["Storage:MongoDB:Uri"] = server.Uri, ["Storage:MongoDB:Database"] = database, ["Storage:SeedFile"] = "seed-users.json",
        });
        try
        {
            await host.StartAsync();

            var store = host.Services.GetRequiredService<ICallStore>();
            Assert.That(await store.PingAsync(CancellationToken.None), Is.True);
            Assert.That((await store.GetUserAsync("alice", CancellationToken.None))?.Coins, Is.EqualTo(500));
            var indexes = await (await server.Client!.GetDatabase(database).GetCollection<BsonDocument>("videocalls").Indexes.ListAsync()).ToListAsync();
            Assert.That(indexes.Select(i => i["name"].AsString), Is.EquivalentTo(new[] { "_id_", "history_by_participant", "live_by_participant", "live_by_creation", "live_by_due", "calls_by_creation", "calls_by_status" }));
            await host.StopAsync();
        }
        finally
        {
            await server.Client!.DropDatabaseAsync(database);
        }
    }
}
