using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage;
using Toki.Server.Storage.Sqlite;
using Toki.Server.Tests.Storage.Sqlite;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage;

/// <summary>The seeder works through <see cref="Toki.Calls.Ports.ICallStore"/> alone; it runs here on a SQLite file.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class UserSeederTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string RepositorySeedFile = Path.Combine(RepositoryPaths.Root, "Toki.Server", "seed-users.json");
    private SqliteTestDirectory _directory = null!;
    private SqliteCallStore _store = null!;
    private UserSeeder _seeder = null!;

    [SetUp]
    public void OpenStore()
    {
        _directory = new SqliteTestDirectory();
        _store = SqliteCallStore.Open(_directory.DatabasePath, 5);
        _seeder = new UserSeeder(_store, NullLogger<UserSeeder>.Instance);
    }

    [TearDown]
    public void CloseStore()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private string WriteSeed(string json)
    {
        var path = Path.Combine(_directory.Path, "seed.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public async Task The_repository_seed_adds_alice_and_bob()
    {
        var added = await _seeder.SeedAsync(RepositorySeedFile, None);

        Assert.That(added, Is.EqualTo(2));
        Assert.That(await _store.GetUserAsync("alice", None), Is.EqualTo(new UserRecord { Id = "alice", Name = "Alice", Coins = 500 }));
        Assert.That(await _store.GetUserAsync("bob", None), Is.EqualTo(new UserRecord { Id = "bob", Name = "Bob", Coins = 500 }));
    }

    [Test]
    public void The_seed_file_is_copied_next_to_the_server()
    {
        Assert.That(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed-users.json")), Is.EqualTo(File.ReadAllText(RepositorySeedFile)));
    }

    [Test]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        await _seeder.SeedAsync(RepositorySeedFile, None);
        var alice = await _store.GetUserAsync("alice", None);

        var added = await _seeder.SeedAsync(RepositorySeedFile, None);

        Assert.That(added, Is.Zero);
        Assert.That(await _store.GetUserAsync("alice", None), Is.EqualTo(alice));
    }

    [Test]
    public async Task Seeding_never_overwrites_an_existing_user()
    {
        var alice = new UserRecord { Id = "alice", Name = "Alice Prime", Coins = 3, HeldCoins = 40, Earnings = 9, IsOnCall = true, CurrentCallId = "c1" };
        await _store.CreateUserAsync(alice, None);

        var added = await _seeder.SeedAsync(RepositorySeedFile, None);

        Assert.That(added, Is.EqualTo(1));
        Assert.That(await _store.GetUserAsync("alice", None), Is.EqualTo(alice));
        Assert.That((await _store.GetUserAsync("bob", None))?.Coins, Is.EqualTo(500));
    }

    [TestCase("""{ "users": [ { "id": "carol", "name": "Carol", "coins": 1 }, { "name": "No Id", "coins": 1 } ] }""", TestName = "a user without id")]
    [TestCase("""{ "users": [ { "id": "carol", "name": "Carol", "coins": 1 }, { "id": "dave", "coins": 1 } ] }""", TestName = "a user without name")]
    [TestCase("""{ "users": [ { "id": "carol", "name": "Carol", "coins": 1 }, { "id": "dave", "name": "", "coins": 1 } ] }""", TestName = "an empty name")]
    [TestCase("""{ "users": [ { "id": "carol", "name": "Carol", "coins": -1 } ] }""", TestName = "negative coins")]
    [TestCase("""{ "people": [] }""", TestName = "no users array")]
    [TestCase("""null""", TestName = "null")]
    public async Task An_invalid_seed_file_fails_and_adds_no_one(string json)
    {
        var path = WriteSeed(json);

        Assert.ThrowsAsync<InvalidDataException>(() => _seeder.SeedAsync(path, None));
        Assert.That(await _store.GetUserAsync("carol", None), Is.Null);
    }

    [Test]
    public void A_seed_file_that_is_not_JSON_fails()
    {
        var path = WriteSeed("users: alice");

        Assert.That(() => _seeder.SeedAsync(path, None), Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void A_missing_seed_file_fails()
    {
        Assert.That(() => _seeder.SeedAsync(Path.Combine(_directory.Path, "absent.json"), None), Throws.InstanceOf<FileNotFoundException>());
    }
}
