using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Store;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>A store on a database of its own (a new name per test), dropped when the test ends.</summary>
internal sealed class MongoStoreHarness : CallStoreHarness
{
    private const string AppName = "toki-contract-tests";

    private readonly string _uri;
    private readonly string _database = $"toki_contract_{Guid.NewGuid():N}";
    private MongoCallStore _store;

    private MongoStoreHarness(string uri)
    {
        _uri = uri;
        _store = Open();
    }

    public override ICallStore Store => _store;

    /// <summary>A store as the server starts it: indexes first.</summary>
    public static async Task<MongoStoreHarness> CreateAsync(string uri)
    {
        var harness = new MongoStoreHarness(uri);
        await harness._store.EnsureIndexesAsync(CancellationToken.None);
        return harness;
    }

    public override async Task<ICallStore> RestartAsync()
    {
        _store.Dispose();
        _store = Open();
        await _store.EnsureIndexesAsync(CancellationToken.None);
        return _store;
    }

    public override async ValueTask DisposeAsync()
    {
        _store.Dispose();
        using var admin = MongoConnection.Open(new MongoConnectionSettings(_uri, AppName));
        await admin.RunCommandAsync(_database, new BsonDocumentBuilder().Add("dropDatabase", 1).Build());
    }

    private MongoCallStore Open() =>
        new(MongoConnection.Open(new MongoConnectionSettings(_uri, AppName)), _database, TimeProvider.System, TimeSpan.FromSeconds(5));
}
