using MongoDB.Driver;
using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo;

[Category(TestCategories.Unit)]
internal sealed class MongoStoreIndexesTests
{
    [Test]
    public void The_indexes_are_exactly_these()
    {
        var specs = MongoStoreIndexes.All().SelectMany(c => c.Indexes.Select(i => $"{c.Collection}: {Json(i)}"));

        Assert.That(specs, Is.EqualTo(new[]
        {
            """videocalls: { "key" : { "participants" : { "$numberInt" : "1" }, "createdAt" : { "$numberInt" : "-1" }, "_id" : { "$numberInt" : "-1" } }, "name" : "history_by_participant" }""",
            """videocalls: { "key" : { "participants" : { "$numberInt" : "1" } }, "name" : "live_by_participant", "unique" : true, "partialFilterExpression" : { "live" : true } }""",
            """videocalls: { "key" : { "live" : { "$numberInt" : "1" }, "createdAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }, "name" : "live_by_creation", "partialFilterExpression" : { "live" : true } }""",
            """videocalls: { "key" : { "dueAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }, "name" : "live_by_due", "partialFilterExpression" : { "live" : true } }""",
            """videocalls: { "key" : { "createdAt" : { "$numberInt" : "-1" }, "_id" : { "$numberInt" : "-1" } }, "name" : "calls_by_creation" }""",
            """videocalls: { "key" : { "status" : { "$numberInt" : "1" }, "createdAt" : { "$numberInt" : "-1" }, "_id" : { "$numberInt" : "-1" } }, "name" : "calls_by_status" }""",
            """transactions: { "key" : { "callId" : { "$numberInt" : "1" }, "at" : { "$numberInt" : "1" } }, "name" : "ledger_by_call" }""",
        }));
    }

    [TestCase("videocalls")]
    [TestCase("transactions")]
    [TestCase("users")]
    public void The_store_creates_exactly_the_indexes_of_mongo_init_down_to_the_bson_types(string collection)
    {
        var store = MongoStoreIndexes.All().Where(c => c.Collection == collection).SelectMany(c => c.Indexes).Select(Json);

        Assert.That(store, Is.EqualTo(MongoInitFiles.Indexes(collection).Select(Json)));
    }

    [Test]
    public void Mongo_init_defines_exactly_the_store_s_collections()
    {
        Assert.That(MongoInitFiles.CollectionsAsBson().Names,
            Is.EquivalentTo(new[] { MongoStoreCollections.Users, MongoStoreCollections.Calls, MongoStoreCollections.Ledger }));
    }

    [Test]
    public void The_indexes_are_created_with_the_store_s_write_concern()
    {
        var command = MongoStoreIndexes.CreateIndexesCommand("transactions", [MongoStoreIndexes.LedgerByCall()],
            WriteConcern.WMajority.With(wTimeout: TimeSpan.FromSeconds(10)));

        Assert.That(Json(command), Is.EqualTo(
            """{ "createIndexes" : "transactions", "indexes" : [{ "key" : { "callId" : { "$numberInt" : "1" }, "at" : { "$numberInt" : "1" } }, "name" : "ledger_by_call" }], """ +
            """ "writeConcern" : { "w" : "majority", "wtimeout" : { "$numberDouble" : "10000.0" } } }""".TrimStart()), "as the driver writes a write concern");
    }
}
