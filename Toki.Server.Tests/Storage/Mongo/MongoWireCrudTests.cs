using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>What libmongoc sends for each operation, and how the replies come back, checked against <see cref="FakeMongoServer"/>.</summary>
internal sealed class MongoWireCrudTests
{
    private static readonly BsonDocument Call = Doc(b => b.Add("_id", "c1").Add("at", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)));

    [Test]
    public void Insert_sends_the_document_unchanged_with_majority_write_concern_as_a_retryable_write()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? FakeMongoServer.Ok(b => b.Add("n", 1)) : null);
        using var connection = server.Connect();

        connection.GetCollection("toki", "calls").InsertOne(Call);

        var insert = server.CommandsNamed("insert").Single();
        Assert.Multiple(() =>
        {
            Assert.That(insert.GetString("insert"), Is.EqualTo("calls"));
            Assert.That(insert.GetString("$db"), Is.EqualTo("toki"));
            Assert.That(insert.GetArray("documents").Single().AsDocument.ToArray(), Is.EqualTo(Call.ToArray()));
            Assert.That(insert.GetDocument("writeConcern").GetString("w"), Is.EqualTo("majority"));
            Assert.That(insert.Contains("txnNumber"), Is.True, "retryable writes attach a transaction number");
            Assert.That(insert.Contains("lsid"), Is.True);
        });
    }

    [Test]
    public void Find_sends_filter_sort_limit_and_projection_and_returns_the_batch()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "find"
            ? FakeMongoServer.Ok(b => b.AddDocument("cursor", cursor => cursor
                .Add("id", 0L).Add("ns", "toki.calls").AddArray("firstBatch", batch => batch.Add(Call).Add(BsonDocument.Empty))))
            : null);
        using var connection = server.Connect();
        var filter = Doc(b => b.Add("state", "open"));

        var found = connection.GetCollection("toki", "calls").Find(filter, new MongoFindOptions
        {
            Sort = Doc(b => b.Add("at", -1)),
            Limit = 2,
            Skip = 1,
            Projection = Doc(b => b.Add("_id", 1)),
        });

        var find = server.CommandsNamed("find").Single();
        Assert.Multiple(() =>
        {
            Assert.That(found.Select(d => d.ToArray()), Is.EqualTo(new[] { Call.ToArray(), BsonDocument.Empty.ToArray() }));
            Assert.That(find.GetDocument("filter").ToArray(), Is.EqualTo(filter.ToArray()));
            Assert.That(find.GetDocument("sort").GetInt32("at"), Is.EqualTo(-1));
            Assert.That(find.GetInt64("limit"), Is.EqualTo(2));
            Assert.That(find.GetInt64("skip"), Is.EqualTo(1));
            Assert.That(find.GetDocument("projection").GetInt32("_id"), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_query_failure_from_the_cursor_is_mapped()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "find"
            ? Doc(b => b.Add("ok", 0.0).Add("errmsg", "unknown operator: $bogus").Add("code", 2).Add("codeName", "BadValue"))
            : null);
        using var connection = server.Connect();

        var exception = Assert.Throws<MongoPermanentException>(() => connection.GetCollection("toki", "calls").Find(BsonDocument.Empty));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Domain, Is.EqualTo(MongoErrorDomain.Server));
            Assert.That(exception.Code, Is.EqualTo(2));
            Assert.That(exception.Message, Is.EqualTo("unknown operator: $bogus"));
        });
    }

    private static IEnumerable<TestCaseData> FindAndModifyUpdates()
    {
        yield return new TestCaseData((MongoUpdate)Doc(b => b.AddDocument("$inc", i => i.Add("n", 1))), BsonType.Document).SetArgDisplayNames("FindOneAndUpdate_WithDocument");
        yield return new TestCaseData(
                (MongoUpdate)new BsonArrayBuilder().AddDocument(s => s.AddDocument("$set", set => set.Add("n", 1))).Build(), BsonType.Array)
            .SetArgDisplayNames("FindOneAndUpdate_WithPipeline");
    }

    [TestCaseSource(nameof(FindAndModifyUpdates))]
    public void FindOneAndUpdate_sends_query_update_sort_flags_and_fields_and_reads_value(MongoUpdate update, BsonType sentAs)
    {
        using var server = new FakeMongoServer(c => c[0].Name == "findAndModify"
            ? FakeMongoServer.Ok(b => b.AddDocument("lastErrorObject", l => l.Add("n", 1).Add("updatedExisting", true)).Add("value", Call))
            : null);
        using var connection = server.Connect();
        var filter = Doc(b => b.Add("state", "open"));

        var value = connection.GetCollection("toki", "calls").FindOneAndUpdate(filter, update, new MongoFindOneAndUpdateOptions
        {
            Sort = Doc(b => b.Add("at", 1)),
            Projection = Doc(b => b.Add("at", 1)),
            Upsert = true,
            ReturnNew = true,
        });

        var command = server.CommandsNamed("findAndModify").Single();
        Assert.Multiple(() =>
        {
            Assert.That(value!.ToArray(), Is.EqualTo(Call.ToArray()));
            Assert.That(command.GetString("findAndModify"), Is.EqualTo("calls"));
            Assert.That(command.GetDocument("query").ToArray(), Is.EqualTo(filter.ToArray()));
            Assert.That(command["update"].Type, Is.EqualTo(sentAs));
            Assert.That(command["update"].Raw.ToArray(), Is.EqualTo(update.Bytes.ToArray()));
            Assert.That(command.GetDocument("sort").GetInt32("at"), Is.EqualTo(1));
            Assert.That(command.GetDocument("fields").GetInt32("at"), Is.EqualTo(1));
            Assert.That(command.GetBoolean("upsert"), Is.True);
            Assert.That(command.GetBoolean("new"), Is.True);
            Assert.That(command.GetDocument("writeConcern").GetString("w"), Is.EqualTo("majority"));
        });
    }

    [Test]
    public void FindOneAndUpdate_returns_null_when_nothing_matched()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "findAndModify"
            ? FakeMongoServer.Ok(b => b.AddDocument("lastErrorObject", l => l.Add("n", 0).Add("updatedExisting", false)).AddNull("value"))
            : null);
        using var connection = server.Connect();

        var value = connection.GetCollection("toki", "calls").FindOneAndUpdate(Call, Doc(b => b.AddDocument("$set", s => s.Add("x", 1))));

        Assert.That(value, Is.Null);
    }

    private static IEnumerable<TestCaseData> Updates()
    {
        TestCaseData Case(string name, bool many, bool upsert, BsonDocument reply, MongoUpdateResult expected) =>
            new TestCaseData(many, upsert, reply, expected).SetArgDisplayNames(name);

        yield return Case("OneMatched", false, false, FakeMongoServer.Ok(b => b.Add("n", 1).Add("nModified", 1)), new MongoUpdateResult(true, 1, 1, 0, null));
        yield return Case("ManyPartlyModified", true, false, FakeMongoServer.Ok(b => b.Add("n", 3).Add("nModified", 2)), new MongoUpdateResult(true, 3, 2, 0, null));
        yield return Case("NoneMatched", true, true, FakeMongoServer.Ok(b => b.Add("n", 0).Add("nModified", 0)), new MongoUpdateResult(true, 0, 0, 0, null));
    }

    [TestCaseSource(nameof(Updates))]
    public void Update_sends_multi_and_upsert_and_reads_the_counts(bool many, bool upsert, BsonDocument reply, MongoUpdateResult expected)
    {
        using var server = new FakeMongoServer(c => c[0].Name == "update" ? reply : null);
        using var connection = server.Connect();
        var calls = connection.GetCollection("toki", "calls");
        var update = Doc(b => b.AddDocument("$set", s => s.Add("state", "closed")));
        var options = new MongoUpdateOptions { Upsert = upsert };

        var result = many ? calls.UpdateMany(Call, update, options) : calls.UpdateOne(Call, update, options);

        var statement = server.CommandsNamed("update").Single().GetArray("updates").Single().AsDocument;
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(expected));
            Assert.That(statement.GetDocument("q").ToArray(), Is.EqualTo(Call.ToArray()));
            Assert.That(statement.GetDocument("u").ToArray(), Is.EqualTo(update.ToArray()));
            Assert.That(statement.TryGetValue("upsert", out var sentUpsert) && sentUpsert.AsBoolean, Is.EqualTo(upsert));
            Assert.That(statement.TryGetValue("multi", out var multi) && multi.AsBoolean, Is.EqualTo(many));
        });
    }

    [Test]
    public void An_upsert_reports_the_upserted_id()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "update"
            ? FakeMongoServer.Ok(b => b.Add("n", 1).Add("nModified", 0).AddArray("upserted", u => u.AddDocument(d => d.Add("index", 0).Add("_id", "new"))))
            : null);
        using var connection = server.Connect();

        var result = connection.GetCollection("toki", "calls").UpdateOne(
            Doc(b => b.Add("_id", "new")), Doc(b => b.AddDocument("$set", s => s.Add("x", 1))), new MongoUpdateOptions { Upsert = true });

        Assert.Multiple(() =>
        {
            Assert.That((result.MatchedCount, result.ModifiedCount, result.UpsertedCount), Is.EqualTo((0L, 0L, 1L)));
            Assert.That(result.UpsertedId!.Value.AsString, Is.EqualTo("new"));
        });
    }

    [TestCase(false, 1)]
    [TestCase(true, 0)]
    public void Delete_sends_the_limit_and_reads_the_count(bool many, int limit)
    {
        using var server = new FakeMongoServer(c => c[0].Name == "delete" ? FakeMongoServer.Ok(b => b.Add("n", 4)) : null);
        using var connection = server.Connect();
        var calls = connection.GetCollection("toki", "calls");

        var deleted = many ? calls.DeleteMany(Call) : calls.DeleteOne(Call);

        var statement = server.CommandsNamed("delete").Single().GetArray("deletes").Single().AsDocument;
        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.EqualTo(4));
            Assert.That(statement.GetDocument("q").ToArray(), Is.EqualTo(Call.ToArray()));
            Assert.That(statement.GetInt32("limit"), Is.EqualTo(limit));
        });
    }

    [Test]
    public void CreateIndexes_sends_the_createIndexes_command_with_majority_write_concern()
    {
        using var server = new FakeMongoServer();
        using var connection = server.Connect();
        var keys = Doc(b => b.Add("callId", 1).Add("at", -1));
        var partial = Doc(b => b.AddDocument("partialFilterExpression", p => p.Add("state", "open")));

        connection.GetCollection("toki", "calls").CreateIndexes(
            [new MongoIndexModel(keys, "callId_1_at_-1") { Unique = true, Extra = partial }]);

        var command = server.CommandsNamed("createIndexes").Single();
        var expectedIndex = Doc(b => b.Add("key", keys).Add("name", "callId_1_at_-1").Add("unique", true).Add("partialFilterExpression", partial[0].Value));
        Assert.Multiple(() =>
        {
            Assert.That(command.GetString("createIndexes"), Is.EqualTo("calls"));
            Assert.That(command.GetString("$db"), Is.EqualTo("toki"));
            Assert.That(command.GetArray("indexes").Single().AsDocument.ToArray(), Is.EqualTo(expectedIndex.ToArray()));
            Assert.That(command.GetDocument("writeConcern").GetString("w"), Is.EqualTo("majority"));
        });
    }

    [Test]
    public void An_explicit_write_concern_in_the_uri_is_what_is_sent()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? FakeMongoServer.Ok(b => b.Add("n", 1)) : null);
        using var connection = server.Connect("&w=1&retryWrites=false");

        connection.GetCollection("toki", "calls").InsertOne(Call);

        var insert = server.CommandsNamed("insert").Single();
        Assert.Multiple(() =>
        {
            Assert.That(insert.GetDocument("writeConcern").GetInt32("w"), Is.EqualTo(1));
            Assert.That(insert.Contains("txnNumber"), Is.False);
        });
    }
}
