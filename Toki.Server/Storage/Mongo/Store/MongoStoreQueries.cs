using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// The filters, updates and sorts the store sends. Every query on <c>videocalls</c> and <c>transactions</c> has an
/// index in <see cref="MongoStoreIndexes"/> whose fields (and partial filter) it names.
/// </summary>
internal static class MongoStoreQueries
{
    public static BsonDocument ById(string id) => new BsonDocumentBuilder().Add("_id", id).Build();

    /// <summary>
    /// A user by id: a 24-hex id also matches an ObjectId <c>_id</c>, as a MERN backend's users have (the token's
    /// claim carries the hex string).
    /// </summary>
    public static BsonDocument UserById(string userId) => AddUserId(new BsonDocumentBuilder(), userId).Build();

    private static BsonDocumentBuilder AddUserId(BsonDocumentBuilder builder, string userId) =>
        IsObjectIdHex(userId)
            ? builder.AddDocument("_id", id => id.AddArray("$in", ids => ids.Add(userId).Add(ObjectId.Parse(userId))))
            : builder.Add("_id", userId);

    private static bool IsObjectIdHex(string value) => value.Length == 24 && value.All(char.IsAsciiHexDigit);

    /// <summary>The compare-and-set: matches the call only while it still has the version the commit expects.</summary>
    public static BsonDocument CallAtVersion(string callId, long expectedVersion) =>
        new BsonDocumentBuilder().Add("_id", callId).Add("version", expectedVersion).Build();

    /// <summary>
    /// Writes every field of the call but <c>_id</c> (so the stored document equals <see cref="MongoCallDocument.ToDocument"/>),
    /// and drops the <c>live</c> marker once the call is terminal.
    /// </summary>
    public static BsonDocument ReplaceCall(CallRecord call)
    {
        var document = MongoCallDocument.ToDocument(call);
        var update = new BsonDocumentBuilder().AddDocument("$set", set =>
        {
            foreach (var element in document.Where(element => element.Name != "_id"))
            {
                set.Add(element.Name, element.Value);
            }
        });
        if (call.Status.IsTerminal())
        {
            update.AddDocument("$unset", unset => unset.Add("live", ""));
        }
        return update.Build();
    }

    /// <summary>Balance deltas added in place (never read and written back); OnCall true claims the user for the call.</summary>
    public static BsonDocument PatchUser(UserPatch patch)
    {
        var update = new BsonDocumentBuilder().AddDocument("$inc", inc => inc
            .Add("coins", patch.CoinsDelta)
            .Add("heldCoins", patch.HeldDelta)
            .Add("earnings", patch.EarningsDelta));
        if (patch.OnCall == true)
        {
            update.AddDocument("$set", set => set.Add("isOnCall", true).Add("currentCallId", patch.CallId));
        }
        return update.Build();
    }

    /// <summary>OnCall false frees the user only while the user is still claimed by this call.</summary>
    public static BsonDocument ClaimedBy(string userId, string callId) =>
        AddUserId(new BsonDocumentBuilder(), userId).Add("currentCallId", callId).Build();

    public static BsonDocument ClearOnCall { get; } =
        new BsonDocumentBuilder().AddDocument("$set", set => set.Add("isOnCall", false).AddNull("currentCallId")).Build();

    public static BsonDocument SetCoins(long coins) =>
        new BsonDocumentBuilder().AddDocument("$set", set => set.Add("coins", coins)).Build();

    /// <summary>The user's live call; repeats the partial filter so that the unique live index serves it.</summary>
    public static BsonDocument LiveCallOf(string userId) =>
        new BsonDocumentBuilder().Add("participants", userId).Add("live", true).Build();

    public static BsonDocument LiveCalls { get; } = new BsonDocumentBuilder().Add("live", true).Build();

    public static BsonDocument OldestFirst { get; } = new BsonDocumentBuilder().Add("createdAt", 1).Add("_id", 1).Build();

    public static BsonDocument NewestFirst { get; } = new BsonDocumentBuilder().Add("createdAt", -1).Add("_id", -1).Build();

    /// <summary>
    /// The user's calls strictly before the cursor in (createdAt, _id) order. The range on createdAt bounds the
    /// index scan; the $or only decides among the calls created at the cursor's own millisecond.
    /// </summary>
    public static BsonDocument History(string userId, CallHistoryCursor? before)
    {
        var filter = new BsonDocumentBuilder().Add("participants", userId);
        if (before is not null)
        {
            var at = BsonDateTime.TruncateToMilliseconds(before.CreatedAt);
            filter.AddDocument("createdAt", range => range.Add("$lte", at))
                .AddArray("$or", or => or
                    .AddDocument(older => older.AddDocument("createdAt", c => c.Add("$lt", at)))
                    .AddDocument(sameTime => sameTime.AddDocument("_id", id => id.Add("$lt", before.CallId))));
        }
        return filter.Build();
    }

    public static BsonDocument LedgerOf(string callId) => new BsonDocumentBuilder().Add("callId", callId).Build();

    /// <summary>By time; entries of one instant come in index order, which is insertion order.</summary>
    public static BsonDocument ByTime { get; } = new BsonDocumentBuilder().Add("at", 1).Build();
}
