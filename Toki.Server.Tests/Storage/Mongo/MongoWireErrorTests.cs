using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Server error replies travel through libmongoc (error API 2) into the typed exceptions.</summary>
internal sealed class MongoWireErrorTests
{
    private const string DuplicateMessage = "E11000 duplicate key error collection: toki.calls index: callId_1 dup key: { callId: \"c1\" }";

    private static readonly BsonDocument Call = Doc(b => b.Add("_id", 1).Add("callId", "c1"));

    [Test]
    public void A_duplicate_key_write_error_on_insert_names_index_and_key()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert"
            ? FakeMongoServer.Ok(b => b.Add("n", 0).AddArray("writeErrors", e => e.AddDocument(w => w
                .Add("index", 0).Add("code", 11000).Add("errmsg", DuplicateMessage)
                .AddDocument("keyPattern", k => k.Add("callId", 1)).AddDocument("keyValue", k => k.Add("callId", "c1")))))
            : null);
        using var connection = server.Connect();

        var exception = Assert.Throws<MongoDuplicateKeyException>(() => connection.GetCollection("toki", "calls").InsertOne(Call));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Domain, Is.EqualTo(MongoErrorDomain.Server));
            Assert.That(exception.Code, Is.EqualTo(11000));
            Assert.That(exception.IndexName, Is.EqualTo("callId_1"));
            Assert.That(exception.KeyPattern!.GetInt32("callId"), Is.EqualTo(1));
            Assert.That(exception.KeyValue!.GetString("callId"), Is.EqualTo("c1"));
        });
    }

    [Test]
    public void A_duplicate_key_command_error_on_find_and_modify_names_index_and_key()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "findAndModify"
            ? Doc(b => b.Add("ok", 0.0).Add("errmsg", DuplicateMessage).Add("code", 11000).Add("codeName", "DuplicateKey")
                .AddDocument("keyPattern", k => k.Add("callId", 1)).AddDocument("keyValue", k => k.Add("callId", "c1")))
            : null);
        using var connection = server.Connect();

        var exception = Assert.Throws<MongoDuplicateKeyException>(() => connection.GetCollection("toki", "calls").FindOneAndUpdate(
            Doc(b => b.Add("_id", 2)), Doc(b => b.AddDocument("$set", s => s.Add("callId", "c1"))), new MongoFindOneAndUpdateOptions { Upsert = true }));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.IndexName, Is.EqualTo("callId_1"));
            Assert.That(exception.KeyValue!.GetString("callId"), Is.EqualTo("c1"));
        });
    }

    [Test]
    public void A_validation_write_error_carries_errInfo()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "update"
            ? FakeMongoServer.Ok(b => b.Add("n", 0).Add("nModified", 0).AddArray("writeErrors", e => e.AddDocument(w => w
                .Add("index", 0).Add("code", 121).Add("errmsg", "Document failed validation")
                .AddDocument("errInfo", i => i.Add("failingDocumentId", 1)))))
            : null);
        using var connection = server.Connect();

        var exception = Assert.Throws<MongoDocumentValidationException>(() => connection.GetCollection("toki", "calls")
            .UpdateOne(Call, Doc(b => b.AddDocument("$unset", u => u.Add("callId", string.Empty)))));

        Assert.That(exception!.Details!.GetInt32("failingDocumentId"), Is.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> CommandErrors()
    {
        TestCaseData Case(string name, BsonDocument reply, Type expected, uint code) =>
            new TestCaseData(reply, expected, code).SetArgDisplayNames(name);

        yield return Case(
            "NotWritablePrimary", Doc(b => b.Add("ok", 0.0).Add("errmsg", "not primary").Add("code", 10107)),
            typeof(MongoTransientException), 10107);
        yield return Case(
            "LabelledTransient", Doc(b => b.Add("ok", 0.0).Add("errmsg", "bad").Add("code", 2).AddArray("errorLabels", l => l.Add("TransientTransactionError"))),
            typeof(MongoTransientException), 2);
        yield return Case("Unauthorized", Doc(b => b.Add("ok", 0.0).Add("errmsg", "not authorized").Add("code", 13)), typeof(MongoPermanentException), 13);
    }

    [TestCaseSource(nameof(CommandErrors))]
    public void Command_errors_keep_domain_code_message_and_labels(BsonDocument reply, Type expected, uint code)
    {
        using var server = new FakeMongoServer(c => c[0].Name == "ping" ? reply : null);
        using var connection = server.Connect();

        var exception = Assert.Throws(expected, () => connection.Ping()) as MongoException;

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Domain, Is.EqualTo(MongoErrorDomain.Server));
            Assert.That(exception.Code, Is.EqualTo(code));
            Assert.That(exception.Message, Is.EqualTo(reply.GetString("errmsg")));
            Assert.That(exception.Reply!.ToArray(), Is.EqualTo(reply.ToArray()));
        });
    }

    [Test]
    public void A_write_concern_error_fails_the_write_command_and_is_transient_when_it_is_a_timeout()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "createIndexes"
            ? FakeMongoServer.Ok(b => b.AddDocument("writeConcernError", w => w.Add("code", 64).Add("errmsg", "waiting for replication timed out")))
            : null);
        using var connection = server.Connect();

        var exception = Assert.Throws<MongoTransientException>(() => connection.GetCollection("toki", "calls")
            .CreateIndexes([new MongoIndexModel(Doc(b => b.Add("callId", 1)), "callId_1")]));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Domain, Is.EqualTo(MongoErrorDomain.WriteConcern));
            Assert.That(exception.Code, Is.EqualTo(64));
        });
    }

    [Test]
    public void Waiting_longer_than_waitQueueTimeoutMS_for_a_pooled_client_is_transient()
    {
        using var server = new FakeMongoServer();
        using var connection = server.Connect("&maxPoolSize=1&waitQueueTimeoutMS=100");
        using var session = connection.StartSession();

        var exception = Assert.Throws<MongoTransientException>(() => connection.Ping());

        Assert.That(exception!.Domain, Is.EqualTo(MongoErrorDomain.Pool));
    }
}
