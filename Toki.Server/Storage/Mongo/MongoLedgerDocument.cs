using MongoDB.Bson;
using Toki.Calls.Domain;
using static Toki.Server.Storage.Mongo.MongoBsonValues;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A ledger entry as a <c>transactions</c> document. Its <c>_id</c> is the entry's key (<c>callId:kind</c>), so the
/// collection's primary index refuses a step recorded twice, and it orders the entries of one instant.
/// </summary>
internal static class MongoLedgerDocument
{
    public static BsonDocument ToDocument(LedgerEntry entry) => new()
    {
        { "_id", entry.Key },
        { "callId", entry.CallId },
        { "kind", MongoWireValues.KindToWire(entry.Kind) },
        { "userId", entry.UserId },
        { "amount", new BsonInt64(entry.Amount) },
        { "at", Date(entry.At) },
    };

    public static LedgerEntry FromDocument(BsonDocument document) => Read(document, MongoStoreCollections.Ledger, d =>
        new LedgerEntry(d.GetString("callId"), MongoWireValues.ParseKind(d.GetString("kind")), d.GetString("userId"),
            d.GetInt64("amount"), d.GetDate("at")));
}
