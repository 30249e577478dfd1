using NUnit.Framework;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The storage contract on a real MongoDB replica set (<see cref="MongoTestServer"/>), each test on a fresh database
/// whose collections carry mongo-init's validators. Without a server every test is reported as skipped, with the reason.
/// </summary>
[TestFixture]
[Category(TestCategories.Mongo)]
internal sealed class MongoCallStoreContractTests : CallStoreContract
{
    private MongoTestServer _server = null!;

    [OneTimeSetUp]
    public async Task FindServer() => _server = await MongoTestServer.RequireAsync("MongoDB storage contract");

    /// <summary>Its commits do not read the users back, so the call service reads them for the wallet notices.</summary>
    protected override bool ReportsUsersAfterCommit => false;

    protected override async Task<CallStoreHarness> CreateStoreAsync() => await MongoStoreHarness.CreateAsync(_server);
}
