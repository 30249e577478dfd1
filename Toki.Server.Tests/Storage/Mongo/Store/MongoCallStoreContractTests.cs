using NUnit.Framework;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>
/// The storage contract on a real MongoDB replica set (<see cref="MongoTestServer"/>), each test on a fresh database.
/// Without a server the whole fixture is reported as skipped, with the reason.
/// </summary>
[TestFixture]
internal sealed class MongoCallStoreContractTests : CallStoreContract
{
    private string _uri = null!;

    [OneTimeSetUp]
    public async Task FindServer()
    {
        var server = await MongoTestServer.GetAsync();
        if (server.Uri is null)
        {
            Assert.Ignore($"MongoDB storage contract skipped: {server.SkipReason}");
        }
        _uri = server.Uri!;
    }

    protected override async Task<CallStoreHarness> CreateStoreAsync() => await MongoStoreHarness.CreateAsync(_uri);
}
