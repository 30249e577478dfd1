using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;
using Toki.Server.Storage.Mongo.Store;

namespace Toki.Server.Tests.Storage.Mongo.Store;

internal sealed class MongoStoreIndexesTests
{
    /// <summary>An index as the createIndexes command carries it.</summary>
    private static BsonDocument Spec(MongoIndexModel index) => TestBson.Doc(index.WriteTo);

    [Test]
    public void The_indexes_are_exactly_these()
    {
        var specs = MongoStoreIndexes.All.SelectMany(c => c.Indexes.Select(i => $"{c.Collection}: {NativeBson.ToCanonicalExtendedJson(Spec(i))}"));

        Assert.That(specs, Is.EqualTo(new[]
        {
            """videocalls: { "key" : { "participants" : { "$numberInt" : "1" }, "createdAt" : { "$numberInt" : "-1" }, "_id" : { "$numberInt" : "-1" } }, "name" : "history_by_participant" }""",
            """videocalls: { "key" : { "participants" : { "$numberInt" : "1" } }, "name" : "live_by_participant", "unique" : true, "partialFilterExpression" : { "live" : true } }""",
            """videocalls: { "key" : { "live" : { "$numberInt" : "1" }, "createdAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }, "name" : "live_by_creation", "partialFilterExpression" : { "live" : true } }""",
            """transactions: { "key" : { "callId" : { "$numberInt" : "1" }, "at" : { "$numberInt" : "1" } }, "name" : "ledger_by_call" }""",
        }));
    }

    [TestCase("videocalls")]
    [TestCase("transactions")]
    [TestCase("users")]
    public void The_store_creates_byte_for_byte_the_indexes_of_mongo_init(string collection)
    {
        using var file = MongoInitFiles.Collections();
        var store = MongoStoreIndexes.All.Where(c => c.Collection == collection).SelectMany(c => c.Indexes).Select(Spec);

        Assert.That(store.Select(s => s.ToArray()), Is.EqualTo(MongoInitFiles.Indexes(file, collection).Select(s => s.ToArray())));
    }

    [Test]
    public void Mongo_init_defines_exactly_the_store_s_collections()
    {
        using var file = MongoInitFiles.Collections();

        Assert.That(file.RootElement.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { MongoStoreCollections.Users, MongoStoreCollections.Calls, MongoStoreCollections.Ledger }));
    }
}
