using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using Toki.Calls.Ports;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage.Sqlite;

[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteStorageServiceCollectionExtensionsTests
{
    private SqliteTestDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new SqliteTestDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private IHost Build(Dictionary<string, string?> settings) =>
        StoreTestHost.Build(_directory.Path, settings, (services, configuration) => services.AddSqliteCallStore(configuration));

    [Test]
    public async Task Without_configuration_the_store_lives_in_data_under_the_content_root_and_nobody_is_seeded()
    {
        using var host = Build([]);
        await host.StartAsync().DefaultTimeout();

        var store = host.Services.GetRequiredService<ICallStore>();

        Assert.That(store, Is.SameAs(host.Services.GetRequiredService<SqliteCallStore>()));
        Assert.That(((SqliteCallStore)store).DatabasePath, Is.EqualTo(Path.Combine(_directory.Path, "data", "toki.db")));
        Assert.That(((SqliteCallStore)store).Durability, Is.EqualTo(SqliteDurability.Full), "synced on every commit unless configured otherwise");
        Assert.That(File.Exists(Path.Combine(_directory.Path, "data", "toki.db")), Is.True);
        Assert.That(await store.GetUserAsync("alice", CancellationToken.None), Is.Null);
        await host.StopAsync().DefaultTimeout();
    }

    [Test]
    public async Task The_configured_path_and_seed_file_are_used_at_startup()
    {
        File.Copy(Path.Combine(RepositoryPaths.Root, "Toki.Server", "seed-users.json"), Path.Combine(_directory.Path, "seed-users.json"));
        using var host = Build(new()
        {
            ["Storage:Sqlite:Path"] = "state/calls.db",
            ["Storage:Sqlite:BusyTimeoutSeconds"] = "2",
            ["Storage:SeedFile"] = "seed-users.json",
        });

        await host.StartAsync().DefaultTimeout();

        var store = host.Services.GetRequiredService<SqliteCallStore>();
        Assert.That(store.DatabasePath, Is.EqualTo(Path.Combine(_directory.Path, "state", "calls.db")));
        Assert.That((await store.GetUserAsync("alice", CancellationToken.None))?.Coins, Is.EqualTo(500));
        Assert.That((await store.GetUserAsync("bob", CancellationToken.None))?.Name, Is.EqualTo("Bob"));
        await host.StopAsync().DefaultTimeout();
    }

    [Test]
    public async Task The_configured_durability_is_used()
    {
        using var host = Build(new() { ["Storage:Sqlite:Durability"] = "Normal" });
        await host.StartAsync().DefaultTimeout();

        Assert.That(host.Services.GetRequiredService<SqliteCallStore>().Durability, Is.EqualTo(SqliteDurability.Normal));
        await host.StopAsync().DefaultTimeout();
    }

    [TestCase("Storage:Sqlite:BusyTimeoutSeconds", "0")]
    [TestCase("Storage:Sqlite:Path", " ")]
    public void Invalid_settings_stop_the_start(string key, string value)
    {
        using var host = Build(new() { [key] = value });

        Assert.That(() => host.StartAsync(), Throws.TypeOf<OptionsValidationException>());
    }

    [Test]
    public void A_configured_seed_file_that_is_missing_stops_the_start()
    {
        using var host = Build(new() { ["Storage:SeedFile"] = "absent.json" });

        Assert.That(() => host.StartAsync(), Throws.InstanceOf<FileNotFoundException>());
    }
}
