using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

internal static class MongoStoreErrors
{
    /// <summary>The name MongoDB gives every collection's primary index.</summary>
    public const string PrimaryIndex = "_id_";

    /// <summary>A transient failure, once the transaction's own retries are spent, is what the port calls unavailable.</summary>
    public static CallStoreUnavailableException Unavailable(MongoTransientException exception) =>
        new($"MongoDB is unavailable: {exception.Message}", exception);

    /// <summary>
    /// The participant a duplicate key on the live guard names (<c>keyValue: { participants: "…" }</c>), when it is
    /// one of the call's participants; null when the error is about another index or does not say.
    /// </summary>
    public static string? BusyParticipant(MongoDuplicateKeyException exception, string callerId, string calleeId)
    {
        if (exception.IndexName != MongoStoreIndexes.LiveByParticipant.Name
            || exception.KeyValue is not { } key
            || !key.TryGetValue("participants", out var value)
            || value.Type != BsonType.String)
        {
            return null;
        }
        var userId = value.AsString;
        return userId == callerId || userId == calleeId ? userId : null;
    }
}
