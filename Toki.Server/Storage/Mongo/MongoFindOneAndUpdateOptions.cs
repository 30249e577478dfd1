using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// Options for find-one-and-update (<c>mongoc_find_and_modify_opts_t</c>). <see cref="ReturnNew"/> returns the
/// document after the update instead of before. <see cref="Extra"/> goes through <c>mongoc_find_and_modify_opts_append</c>
/// (e.g. arrayFilters, hint, writeConcern).
/// </summary>
internal sealed record MongoFindOneAndUpdateOptions
{
    public BsonDocument? Sort { get; init; }

    public BsonDocument? Projection { get; init; }

    public bool Upsert { get; init; }

    public bool ReturnNew { get; init; }

    public BsonDocument? Extra { get; init; }
}
