using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>CRUD, indexes and error mapping against a real server (see <see cref="MongoServerTestBase"/>).</summary>
internal sealed class MongoServerCrudTests : MongoServerTestBase
{
    [Test]
    public void Ping_succeeds() => Assert.That(() => Connection.Ping(), Throws.Nothing);

    [Test]
    public void A_document_with_every_written_type_comes_back_byte_for_byte()
    {
        var calls = Collection();
        var document = Doc(b => b
            .Add("_id", ObjectId.Parse("65540000abcdef0123456789"))
            .Add("s", "héllo ✓ 😀").Add("empty", string.Empty)
            .Add("i", int.MinValue).Add("l", long.MaxValue)
            .Add("d", -0.0).Add("inf", double.PositiveInfinity)
            .Add("t", true).AddNull("n")
            .Add("at", new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero))
            .Add("bin", new BsonBinary(BsonBinary.UuidSubtype, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()))
            .Add("m", new BsonDecimal128(15, 0x303E_0000_0000_0000))
            .AddArray("a", a => a.Add(1).AddDocument(d => d.AddArray("x", _ => { }))));

        calls.InsertOne(document);
        var found = calls.FindOne(Doc(b => b.Add("_id", document["_id"])));

        Assert.That(found!.ToArray(), Is.EqualTo(document.ToArray()));
    }

    [Test]
    public void Find_applies_filter_sort_limit_and_projection()
    {
        var numbers = Collection();
        for (var n = 1; n <= 5; n++)
        {
            numbers.InsertOne(Doc(b => b.Add("_id", n).Add("n", n).Add("other", "x")));
        }

        var found = numbers.Find(
            Doc(b => b.AddDocument("n", f => f.Add("$gte", 2))),
            new MongoFindOptions
            {
                Sort = Doc(b => b.Add("n", -1)),
                Limit = 2,
                Projection = Doc(b => b.Add("_id", 0).Add("n", 1)),
            });

        Assert.That(found.Select(d => d.ToArray()), Is.EqualTo(new[] { Doc(b => b.Add("n", 5)).ToArray(), Doc(b => b.Add("n", 4)).ToArray() }));
    }

    [Test]
    public void FindOneAndUpdate_returns_the_document_before_or_after_and_upserts()
    {
        var counters = Collection();
        counters.InsertOne(Doc(b => b.Add("_id", "a").Add("v", 1)));
        var increment = Doc(b => b.AddDocument("$inc", i => i.Add("v", 1)));

        var before = counters.FindOneAndUpdate(Doc(b => b.Add("_id", "a")), increment);
        var after = counters.FindOneAndUpdate(Doc(b => b.Add("_id", "a")), increment, new MongoFindOneAndUpdateOptions { ReturnNew = true });
        var missing = counters.FindOneAndUpdate(Doc(b => b.Add("_id", "none")), increment);
        var upserted = counters.FindOneAndUpdate(
            Doc(b => b.Add("_id", "b")), increment, new MongoFindOneAndUpdateOptions { Upsert = true, ReturnNew = true });

        Assert.Multiple(() =>
        {
            Assert.That(before!.GetInt32("v"), Is.EqualTo(1));
            Assert.That(after!.GetInt32("v"), Is.EqualTo(3));
            Assert.That(missing, Is.Null);
            Assert.That(upserted!.GetInt32("v"), Is.EqualTo(1));
        });
    }

    [Test]
    public void FindOneAndUpdate_accepts_a_pipeline_and_honours_sort()
    {
        var items = Collection();
        items.InsertOne(Doc(b => b.Add("_id", 1).Add("a", 2).Add("b", 3)));
        items.InsertOne(Doc(b => b.Add("_id", 2).Add("a", 10).Add("b", 20)));
        var pipeline = new BsonArrayBuilder()
            .AddDocument(stage => stage.AddDocument("$set", set => set.AddDocument("total", t => t.AddArray("$add", args => args.Add("$a").Add("$b")))))
            .Build();

        var updated = items.FindOneAndUpdate(
            BsonDocument.Empty, pipeline, new MongoFindOneAndUpdateOptions { Sort = Doc(b => b.Add("_id", -1)), ReturnNew = true });

        Assert.Multiple(() =>
        {
            Assert.That(updated!.GetInt32("_id"), Is.EqualTo(2));
            Assert.That(updated.GetInt32("total"), Is.EqualTo(30));
        });
    }

    [Test]
    public void Update_and_delete_report_their_counts()
    {
        var rows = Collection();
        for (var i = 0; i < 3; i++)
        {
            rows.InsertOne(Doc(b => b.Add("_id", i).Add("group", "g")));
        }

        var setFlag = Doc(b => b.AddDocument("$set", s => s.Add("flag", true)));
        var first = rows.UpdateMany(Doc(b => b.Add("group", "g")), setFlag);
        var again = rows.UpdateMany(Doc(b => b.Add("group", "g")), setFlag);
        var one = rows.UpdateOne(Doc(b => b.Add("_id", 0)), Doc(b => b.AddDocument("$set", s => s.Add("flag", false))));
        var upsert = rows.UpdateOne(Doc(b => b.Add("_id", "new")), setFlag, new MongoUpdateOptions { Upsert = true });
        var deletedOne = rows.DeleteOne(Doc(b => b.Add("group", "g")));
        var deletedMany = rows.DeleteMany(BsonDocument.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new MongoUpdateResult(true, 3, 3, 0, null)));
            Assert.That(again, Is.EqualTo(new MongoUpdateResult(true, 3, 0, 0, null)));
            Assert.That(one, Is.EqualTo(new MongoUpdateResult(true, 1, 1, 0, null)));
            Assert.That((upsert.MatchedCount, upsert.ModifiedCount, upsert.UpsertedCount), Is.EqualTo((0L, 0L, 1L)));
            Assert.That(upsert.UpsertedId!.Value.AsString, Is.EqualTo("new"));
            Assert.That(deletedOne, Is.EqualTo(1));
            Assert.That(deletedMany, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_unique_index_violation_is_a_duplicate_key_exception_naming_index_and_key()
    {
        var calls = Collection();
        calls.CreateIndexes([new MongoIndexModel(Doc(b => b.Add("callId", 1)), "callId_1") { Unique = true }]);
        calls.InsertOne(Doc(b => b.Add("_id", 1).Add("callId", "c1")));

        var onInsert = Assert.Throws<MongoDuplicateKeyException>(() => calls.InsertOne(Doc(b => b.Add("_id", 2).Add("callId", "c1"))));
        var onUpsert = Assert.Throws<MongoDuplicateKeyException>(() => calls.FindOneAndUpdate(
            Doc(b => b.Add("_id", 3)),
            Doc(b => b.AddDocument("$set", s => s.Add("callId", "c1"))),
            new MongoFindOneAndUpdateOptions { Upsert = true }));

        Assert.Multiple(() =>
        {
            foreach (var exception in new[] { onInsert!, onUpsert! })
            {
                Assert.That(exception.Code, Is.EqualTo(11000));
                Assert.That(exception.IndexName, Is.EqualTo("callId_1"));
                Assert.That(exception.KeyValue!.GetString("callId"), Is.EqualTo("c1"));
            }
        });
    }

    [Test]
    public void Creating_the_same_index_twice_succeeds()
    {
        var calls = Collection();
        MongoIndexModel[] indexes = [new MongoIndexModel(Doc(b => b.Add("startedAt", -1)), "startedAt_-1")];

        calls.CreateIndexes(indexes);

        Assert.That(() => calls.CreateIndexes(indexes), Throws.Nothing);
    }

    [Test]
    public void A_document_failing_the_validator_is_a_validation_exception()
    {
        var name = $"validated_{Guid.NewGuid():N}";
        Connection.RunWriteCommand(Database, Doc(b => b
            .Add("create", name)
            .AddDocument("validator", v => v.AddDocument("$jsonSchema", s => s.AddArray("required", r => r.Add("name"))))));

        var exception = Assert.Throws<MongoDocumentValidationException>(
            () => Connection.GetCollection(Database, name).InsertOne(Doc(b => b.Add("_id", 1))));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Code, Is.EqualTo(121));
            Assert.That(exception.Details, Is.Not.Null);
        });
    }

    [Test]
    public void Async_wrappers_run_the_same_operations()
    {
        var calls = Collection();

        calls.InsertOneAsync(Doc(b => b.Add("_id", "async"))).GetAwaiter().GetResult();
        var found = calls.FindAsync(BsonDocument.Empty).GetAwaiter().GetResult();

        Assert.That(found.Single().GetString("_id"), Is.EqualTo("async"));
    }
}
