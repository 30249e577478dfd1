using MongoDB.Bson;
using MongoDB.Driver;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// The indexes the store creates at startup, as <c>createIndexes</c> specifications equal to those in
/// <c>mongo-init/toki-collections.json</c>, so that creating them again, from either side, changes nothing.
/// </summary>
internal static class MongoStoreIndexes
{
    /// <summary>A user's history, newest first (<c>participants</c> is multikey: one entry per participant).</summary>
    public static BsonDocument HistoryByParticipant() => new()
    {
        { "key", new BsonDocument { { "participants", 1 }, { "createdAt", -1 }, { "_id", -1 } } },
        { "name", "history_by_participant" },
    };

    /// <summary>At most one live call per user: the guard behind <see cref="Toki.Calls.Ports.CommitOutcomeKind.ParticipantBusy"/>.</summary>
    public static BsonDocument LiveByParticipant() => new()
    {
        { "key", new BsonDocument("participants", 1) },
        { "name", LiveByParticipantName },
        { "unique", true },
        { "partialFilterExpression", new BsonDocument("live", true) },
    };

    public const string LiveByParticipantName = "live_by_participant";

    /// <summary>Every live call, oldest first, for re-arming timers after a restart.</summary>
    public static BsonDocument LiveByCreation() => new()
    {
        { "key", new BsonDocument { { "live", 1 }, { "createdAt", 1 }, { "_id", 1 } } },
        { "name", "live_by_creation" },
        { "partialFilterExpression", new BsonDocument("live", true) },
    };

    /// <summary>The live calls by their next deadline, for every node's sweep of the deadlines that have passed.</summary>
    public static BsonDocument LiveByDue() => new()
    {
        { "key", new BsonDocument { { "dueAt", 1 }, { "_id", 1 } } },
        { "name", "live_by_due" },
        { "partialFilterExpression", new BsonDocument("live", true) },
    };

    /// <summary>Every call, newest first: the operators' unfiltered listing.</summary>
    public static BsonDocument CallsByCreation() => new()
    {
        { "key", new BsonDocument { { "createdAt", -1 }, { "_id", -1 } } },
        { "name", "calls_by_creation" },
    };

    /// <summary>The calls of one status, newest first: the operators' listing by status.</summary>
    public static BsonDocument CallsByStatus() => new()
    {
        { "key", new BsonDocument { { "status", 1 }, { "createdAt", -1 }, { "_id", -1 } } },
        { "name", "calls_by_status" },
    };

    /// <summary>A call's ledger by time (ties, at most a settlement's three entries, are sorted by key). Keys are unique through <c>_id</c>.</summary>
    public static BsonDocument LedgerByCall() => new()
    {
        { "key", new BsonDocument { { "callId", 1 }, { "at", 1 } } },
        { "name", "ledger_by_call" },
    };

    /// <summary>Collection name to its indexes; <c>users</c> needs only its <c>_id</c> index.</summary>
    public static IReadOnlyList<(string Collection, IReadOnlyList<BsonDocument> Indexes)> All() =>
    [
        (MongoStoreCollections.Calls, [HistoryByParticipant(), LiveByParticipant(), LiveByCreation(), LiveByDue(), CallsByCreation(), CallsByStatus()]),
        (MongoStoreCollections.Ledger, [LedgerByCall()]),
    ];

    /// <summary>The command mongosh's <c>createIndexes</c> sends too, with the store's write concern.</summary>
    public static BsonDocument CreateIndexesCommand(string collection, IReadOnlyList<BsonDocument> indexes, WriteConcern writeConcern) => new()
    {
        { "createIndexes", collection },
        { "indexes", new BsonArray(indexes) },
        { "writeConcern", writeConcern.ToBsonDocument() },
    };
}
