using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>Options for <c>mongoc_collection_find_with_opts</c>; <see cref="Extra"/> is appended to the opts verbatim (e.g. hint, batchSize).</summary>
internal sealed record MongoFindOptions
{
    public BsonDocument? Sort { get; init; }

    public BsonDocument? Projection { get; init; }

    public long? Limit { get; init; }

    public long? Skip { get; init; }

    public BsonDocument? Extra { get; init; }

    internal BsonDocument ToOpts()
    {
        var builder = new BsonDocumentBuilder();
        if (Sort is not null)
        {
            builder.Add("sort", Sort);
        }

        if (Projection is not null)
        {
            builder.Add("projection", Projection);
        }

        if (Limit is { } limit)
        {
            builder.Add("limit", limit);
        }

        if (Skip is { } skip)
        {
            builder.Add("skip", skip);
        }

        return builder.AddAll(Extra).Build();
    }
}
