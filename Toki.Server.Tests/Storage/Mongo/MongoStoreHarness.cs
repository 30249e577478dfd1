using MongoDB.Driver;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// A store on a database of its own (a new name per test) with mongo-init's validators, on the run's one client, as the
/// server starts it (replica set check and indexes first); the database is dropped when the test ends.
/// </summary>
internal sealed class MongoStoreHarness : CallStoreHarness
{
    private readonly IMongoClient _client;
    private readonly string _database;
    private MongoCallStore _store;

    private MongoStoreHarness(IMongoClient client, string database)
    {
        _client = client;
        _database = database;
        _store = Open();
    }

    public override ICallStore Store => _store;

    public MongoCallStore MongoStore => _store;

    public IMongoDatabase Database => _client.GetDatabase(_database);

    public static async Task<MongoStoreHarness> CreateAsync(MongoTestServer server, string purpose = "contract")
    {
        var database = MongoTestDatabase.NewName(purpose);
        await MongoTestDatabase.CreateCollectionsAsync(server.Client!, database);
        var harness = new MongoStoreHarness(server.Client!, database);
        await harness._store.EnsureReadyAsync(CancellationToken.None);
        return harness;
    }

    public override async Task<ICallStore> RestartAsync()
    {
        _store.Dispose();
        _store = Open();
        await _store.EnsureReadyAsync(CancellationToken.None);
        return _store;
    }

    public override async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _client.DropDatabaseAsync(_database);
    }

    private MongoCallStore Open() => new(_client, _database, TimeProvider.System, TimeSpan.FromSeconds(5));
}
