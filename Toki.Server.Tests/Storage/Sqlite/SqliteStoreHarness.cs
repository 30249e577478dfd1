using Toki.Calls.Ports;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

internal sealed class SqliteStoreHarness : CallStoreHarness
{
    private readonly SqliteTestDirectory _directory = new();
    private SqliteCallStore _store;

    public SqliteStoreHarness()
    {
        _store = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 5);
    }

    public override ICallStore Store => _store;

    public override Task<ICallStore> RestartAsync()
    {
        _store.Dispose();
        _store = SqliteCallStore.Open(_directory.DatabasePath, busyTimeoutSeconds: 5);
        return Task.FromResult<ICallStore>(_store);
    }

    public override ValueTask DisposeAsync()
    {
        _store.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
