using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// The update part of an update or find-and-modify: an update document of operators (<c>{"$set": …}</c>) or an
/// aggregation pipeline (an array of stages). libmongoc tells them apart by the "0", "1", … keys of a pipeline.
/// </summary>
internal sealed class MongoUpdate
{
    private MongoUpdate(BsonDocument bytes, bool isPipeline)
    {
        Bytes = bytes;
        IsPipeline = isPipeline;
    }

    public bool IsPipeline { get; }

    /// <summary>The document, or the pipeline array as a document, as handed to libmongoc.</summary>
    internal BsonDocument Bytes { get; }

    public static MongoUpdate Document(BsonDocument update) => new(update ?? throw new ArgumentNullException(nameof(update)), false);

    public static MongoUpdate Pipeline(BsonArray stages) =>
        new((stages ?? throw new ArgumentNullException(nameof(stages))).Document, true);

    public static implicit operator MongoUpdate(BsonDocument update) => Document(update);

    public static implicit operator MongoUpdate(BsonArray stages) => Pipeline(stages);
}
