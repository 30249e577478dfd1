using MongoDB.Bson;
using MongoDB.Driver;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>A cursor over a fixed batch.</summary>
internal sealed class FakeCursor(IReadOnlyList<BsonDocument> documents) : IAsyncCursor<BsonDocument>
{
    private bool _read;

    public IEnumerable<BsonDocument> Current { get; private set; } = [];

    public bool MoveNext(CancellationToken cancellationToken = default)
    {
        if (_read)
        {
            return false;
        }
        _read = true;
        Current = documents;
        return documents.Count > 0;
    }

    public Task<bool> MoveNextAsync(CancellationToken cancellationToken = default) => Task.FromResult(MoveNext(cancellationToken));

    public void Dispose()
    {
    }
}
