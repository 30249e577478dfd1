using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>Options for update one/many; <see cref="Extra"/> is appended to the opts verbatim (e.g. arrayFilters, hint, writeConcern).</summary>
internal sealed record MongoUpdateOptions
{
    public bool Upsert { get; init; }

    public BsonDocument? Extra { get; init; }

    internal BsonDocument ToOpts() => new BsonDocumentBuilder().Add("upsert", Upsert).AddAll(Extra).Build();
}
