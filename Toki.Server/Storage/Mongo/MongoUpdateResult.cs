using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// The counts libmongoc puts in an update reply. <see cref="UpsertedId"/> is set when an upsert inserted (libmongoc
/// reports it for update one and update many alike). Unacknowledged writes (w=0) have no counts.
/// </summary>
internal sealed record MongoUpdateResult(bool Acknowledged, long MatchedCount, long ModifiedCount, long UpsertedCount, BsonValue? UpsertedId)
{
    internal static MongoUpdateResult FromReply(BsonDocument reply)
    {
        if (!reply.Contains("matchedCount"))
        {
            return new MongoUpdateResult(false, 0, 0, 0, null);
        }

        BsonValue? upsertedId = reply.TryGetValue("upsertedId", out var id) ? id : null;
        return new MongoUpdateResult(
            true, reply.GetInt64("matchedCount"), reply.GetInt64("modifiedCount"), reply.GetInt64("upsertedCount"), upsertedId);
    }
}
