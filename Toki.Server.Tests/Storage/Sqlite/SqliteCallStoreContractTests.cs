using NUnit.Framework;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>The storage contract on a fresh SQLite file per test.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed class SqliteCallStoreContractTests : CallStoreContract
{
    protected override Task<CallStoreHarness> CreateStoreAsync() => Task.FromResult<CallStoreHarness>(new SqliteStoreHarness());
}
