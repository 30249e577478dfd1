using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// The indexes the store creates at startup, identical (names, keys and options) to those in
/// <c>mongo-init/toki-collections.json</c>, so that creating them again, from either side, changes nothing.
/// </summary>
internal static class MongoStoreIndexes
{
    /// <summary>The partial filter of the live indexes; queries repeat it so that the planner may use them.</summary>
    private static readonly BsonDocument IsLive = new BsonDocumentBuilder().Add("live", true).Build();

    /// <summary>A user's history, newest first (<c>participants</c> is multikey: one entry per participant).</summary>
    public static MongoIndexModel HistoryByParticipant { get; } = new(
        new BsonDocumentBuilder().Add("participants", 1).Add("createdAt", -1).Add("_id", -1).Build(), "history_by_participant");

    /// <summary>At most one live call per user: the guard behind <see cref="Toki.Calls.Ports.CommitOutcomeKind.ParticipantBusy"/>.</summary>
    public static MongoIndexModel LiveByParticipant { get; } = new(
        new BsonDocumentBuilder().Add("participants", 1).Build(), "live_by_participant")
    {
        Unique = true,
        Extra = new BsonDocumentBuilder().Add("partialFilterExpression", IsLive).Build(),
    };

    /// <summary>Every live call, oldest first, for re-arming timers after a restart.</summary>
    public static MongoIndexModel LiveByCreation { get; } = new(
        new BsonDocumentBuilder().Add("live", 1).Add("createdAt", 1).Add("_id", 1).Build(), "live_by_creation")
    {
        Extra = new BsonDocumentBuilder().Add("partialFilterExpression", IsLive).Build(),
    };

    /// <summary>A call's ledger by time. Keys are unique through <c>_id</c>.</summary>
    public static MongoIndexModel LedgerByCall { get; } = new(
        new BsonDocumentBuilder().Add("callId", 1).Add("at", 1).Build(), "ledger_by_call");

    /// <summary>Collection name to its indexes; <c>users</c> needs only its <c>_id</c> index.</summary>
    public static IReadOnlyList<(string Collection, IReadOnlyList<MongoIndexModel> Indexes)> All { get; } =
    [
        (MongoStoreCollections.Calls, [HistoryByParticipant, LiveByParticipant, LiveByCreation]),
        (MongoStoreCollections.Ledger, [LedgerByCall]),
    ];
}
