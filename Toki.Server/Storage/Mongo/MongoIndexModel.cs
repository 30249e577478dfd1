using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// One entry of a <c>createIndexes</c> command. The name is required so that index names, and the duplicate-key
/// errors that cite them, are predictable. <see cref="Extra"/> holds further index options (partialFilterExpression,
/// expireAfterSeconds, collation, …) copied verbatim.
/// </summary>
internal sealed record MongoIndexModel(BsonDocument Keys, string Name)
{
    public bool Unique { get; init; }

    public BsonDocument? Extra { get; init; }

    internal void WriteTo(BsonDocumentBuilder index)
    {
        index.Add("key", Keys).Add("name", Name);
        if (Unique)
        {
            index.Add("unique", true);
        }

        index.AddAll(Extra);
    }
}
