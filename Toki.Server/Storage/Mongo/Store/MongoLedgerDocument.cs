using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// A ledger entry as a <c>transactions</c> document. Its <c>_id</c> is the entry's key (<c>callId:kind</c>), so the
/// collection's primary index refuses a step recorded twice.
/// </summary>
internal static class MongoLedgerDocument
{
    public static BsonDocument ToDocument(LedgerEntry entry) => new BsonDocumentBuilder()
        .Add("_id", entry.Key)
        .Add("callId", entry.CallId)
        .Add("kind", MongoDocumentValues.KindToWire(entry.Kind))
        .Add("userId", entry.UserId)
        .Add("amount", entry.Amount)
        .AddDate("at", entry.At)
        .Build();

    public static LedgerEntry FromDocument(BsonDocument document) => MongoDocumentValues.Read(document, MongoStoreCollections.Ledger, d =>
        new LedgerEntry(d.GetString("callId"), MongoDocumentValues.ParseKind(d.GetString("kind")), d.GetString("userId"),
            d.GetInt64("amount"), d.GetDateTime("at")));
}
