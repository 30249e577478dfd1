using MongoDB.Bson;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Storage.Mongo.MongoBsonValues;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// The filters, updates and sorts the store sends. Every query on <c>videocalls</c> and <c>transactions</c> has an
/// index in <see cref="MongoStoreIndexes"/> whose fields (and partial filter) it names.
/// </summary>
internal static class MongoStoreQueries
{
    public static BsonDocument ById(string id) => new("_id", id);

    /// <summary>
    /// A user by id: a 24-hex id also matches an ObjectId <c>_id</c>, as a MERN backend's users have (the token's
    /// claim carries the hex string).
    /// </summary>
    public static BsonDocument UserById(string userId) =>
        IsObjectIdHex(userId)
            ? new BsonDocument("_id", new BsonDocument("$in", new BsonArray { userId, ObjectId.Parse(userId) }))
            : new BsonDocument("_id", userId);

    public static bool IsObjectIdHex(string value) => value.Length == 24 && value.All(char.IsAsciiHexDigit);

    /// <summary>The compare-and-set: matches the call only while it still has the version the commit expects.</summary>
    public static BsonDocument CallAtVersion(string callId, long expectedVersion) =>
        new() { { "_id", callId }, { "version", new BsonInt64(expectedVersion) } };

    /// <summary>Balance deltas added in place (never read and written back); OnCall true claims the user for the call.</summary>
    public static BsonDocument PatchUser(UserPatch patch)
    {
        var update = new BsonDocument("$inc", new BsonDocument
        {
            { "coins", new BsonInt64(patch.CoinsDelta) },
            { "heldCoins", new BsonInt64(patch.HeldDelta) },
            { "earnings", new BsonInt64(patch.EarningsDelta) },
        });
        if (patch.OnCall == true)
        {
            update.Add("$set", new BsonDocument { { "isOnCall", true }, { "currentCallId", patch.CallId } });
        }
        return update;
    }

    /// <summary>OnCall false frees the user only while the user is still claimed by this call.</summary>
    public static BsonDocument ClaimedBy(string userId, string callId) => UserById(userId).Add("currentCallId", callId);

    public static BsonDocument ClearOnCall() => new("$set", new BsonDocument { { "isOnCall", false }, { "currentCallId", BsonNull.Value } });

    public static BsonDocument SetCoins(long coins) => new("$set", new BsonDocument("coins", new BsonInt64(coins)));

    /// <summary>The user's live call; repeats the partial filter so that the unique live index serves it.</summary>
    public static BsonDocument LiveCallOf(string userId) => new() { { "participants", userId }, { "live", true } };

    public static BsonDocument LiveCalls() => new("live", true);

    /// <summary>The live calls whose deadline is at or before <paramref name="dueBy"/>; repeats the partial filter of <c>live_by_due</c>.</summary>
    public static BsonDocument DueBy(DateTimeOffset dueBy) =>
        new() { { "live", true }, { "dueAt", new BsonDocument("$lte", MongoBsonValues.Date(dueBy)) } };

    public static BsonDocument EarliestDueFirst() => new() { { "dueAt", 1 }, { "_id", 1 } };

    public static BsonDocument OldestFirst() => new() { { "createdAt", 1 }, { "_id", 1 } };

    public static BsonDocument NewestFirst() => new() { { "createdAt", -1 }, { "_id", -1 } };

    /// <summary>
    /// The user's calls strictly before the cursor in (createdAt, _id) order. The range on createdAt bounds the index
    /// scan; the $or only decides among the calls created at the cursor's own millisecond.
    /// </summary>
    public static BsonDocument History(string? userId, CallHistoryCursor? before)
    {
        var filter = userId is null ? [] : new BsonDocument("participants", userId);
        if (before is not null)
        {
            var at = Date(before.CreatedAt);
            filter.Add("createdAt", new BsonDocument("$lte", at));
            filter.Add("$or", new BsonArray
            {
                new BsonDocument("createdAt", new BsonDocument("$lt", at)),
                new BsonDocument("_id", new BsonDocument("$lt", before.CallId)),
            });
        }
        return filter;
    }

    /// <summary>
    /// The operators' listing: the query's user (through <c>history_by_participant</c>), <c>live</c> (through the live
    /// partial index) or status (through <c>calls_by_status</c>), strictly before the cursor; with no filter at all,
    /// <c>calls_by_creation</c> serves it.
    /// </summary>
    public static BsonDocument Listing(CallQuery query, CallHistoryCursor? before)
    {
        var filter = query.UserId is { } userId ? History(userId, before) : History(null, before);
        if (query.LiveOnly)
        {
            filter.Add("live", true);
        }
        if (query.Status is { } status)
        {
            filter.Add("status", status.ToWire());
        }
        return filter;
    }

    public static BsonDocument LedgerOf(string callId) => new("callId", callId);

    /// <summary>By time, then by key: entries of one instant (a settlement's release, charge and earn) in a fixed order.</summary>
    public static BsonDocument LedgerOrder() => new() { { "at", 1 }, { "_id", 1 } };
}
