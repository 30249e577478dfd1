using MongoDB.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>One operation the store sent.</summary>
internal sealed record FakeOperation(string Name, string Collection, BsonDocument? Filter, BsonDocument? Document, string? Options, bool InTransaction)
{
    /// <summary>The token the store passed.</summary>
    public CancellationToken Cancellation { get; init; }

    public override string ToString() => string.Join(" ", new[]
    {
        Name, Collection, Filter is null ? null : TestBson.Json(Filter), Document is null ? null : TestBson.Json(Document),
        string.IsNullOrEmpty(Options) ? null : $"[{Options}]", InTransaction ? "(txn)" : null,
    }.OfType<string>());
}
