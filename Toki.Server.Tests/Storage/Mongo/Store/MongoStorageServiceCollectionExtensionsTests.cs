using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using Toki.Calls.Ports;
using Toki.Server.Hosting;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Store;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.Storage.Sqlite;
using static Toki.Server.Tests.Storage.Mongo.Store.FakeStoreReplies;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>Which store <c>AddTokiStore</c> picks, and what the MongoDB store does, or refuses, at startup.</summary>
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
    public async Task Startup_creates_the_indexes_then_seeds_and_the_store_answers()
    {
        File.Copy(Path.Combine(RepositoryPaths.Root, "Toki.Server", "seed-users.json"), Path.Combine(_directory.Path, "seed-users.json"));
        using var server = new FakeMongoServer(Default);
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = server.Uri(), ["Storage:SeedFile"] = "seed-users.json" });

        await host.StartAsync().DefaultTimeout();

        var commands = server.Commands;
        Assert.That(commands.Select(Describe), Is.EqualTo(new[] { "createIndexes:videocalls", "createIndexes:transactions", "insert:users", "insert:users" }));
        Assert.Multiple(() =>
        {
            Assert.That(commands[0].GetArray("indexes").Select(i => i.AsDocument.ToArray()),
                Is.EqualTo(MongoStoreIndexes.All[0].Indexes.Select(i => TestBson.Doc(i.WriteTo).ToArray())));
            Assert.That(commands[1].GetArray("indexes").Select(i => i.AsDocument.ToArray()),
                Is.EqualTo(MongoStoreIndexes.All[1].Indexes.Select(i => TestBson.Doc(i.WriteTo).ToArray())));
            Assert.That(commands.Select(c => c.GetString("$db")), Has.All.EqualTo("toki"));
            Assert.That(commands[2].GetArray("documents").Single().AsDocument.GetString("_id"), Is.EqualTo("alice"));
            Assert.That(commands[3].GetArray("documents").Single().AsDocument.GetInt64("coins"), Is.EqualTo(500));
        });
        Assert.That(await host.Services.GetRequiredService<ICallStore>().PingAsync(CancellationToken.None), Is.True);
        await host.StopAsync().DefaultTimeout();
    }

    [Test]
    public void An_invalid_uri_stops_the_start_with_libmongoc_s_reason_and_without_the_uri()
    {
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = "mongo://admin:s3cret@db/toki" });

        Assert.That(() => host.StartAsync(), Throws.InvalidOperationException.With.Message.EqualTo(
            "Storage:MongoDB:Uri is not a valid MongoDB connection string: Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://'"));
    }

    [Test]
    public void An_unreachable_server_stops_the_start()
    {
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = "mongodb://127.0.0.1:1/toki?serverSelectionTimeoutMS=200&connectTimeoutMS=200" });

        Assert.That(() => host.StartAsync(), Throws.InvalidOperationException.With.Message.StartsWith(
            "MongoDB refused or did not answer the index creation at startup (database 'toki'), so the server does not start: " +
            "MongoDB is unavailable: No suitable servers found"));
    }

    [Test]
    public void A_server_refusing_the_indexes_stops_the_start()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "createIndexes"
            ? TestBson.Doc(b => b.Add("ok", 0.0).Add("errmsg", "An existing index has the same name as the requested index").Add("code", 86))
            : null);
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = server.Uri() });

        Assert.That(() => host.StartAsync(), Throws.InvalidOperationException.With.Message.EndsWith(
            "so the server does not start: An existing index has the same name as the requested index"));
    }

    [TestCase("Storage:MongoDB:Database", " ")]
    [TestCase("Storage:MongoDB:PingTimeout", "00:00:00")]
    public void Invalid_settings_stop_the_start(string key, string value)
    {
        using var server = new FakeMongoServer();
        using var host = Build(new() { ["Storage:MongoDB:Uri"] = server.Uri(), [key] = value });

        Assert.That(() => host.StartAsync(), Throws.TypeOf<OptionsValidationException>());
    }
}
