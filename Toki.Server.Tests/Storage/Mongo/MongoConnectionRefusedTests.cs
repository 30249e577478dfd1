using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// Nothing listens on 127.0.0.1:1, so every operation fails server selection: it must surface as the transient
/// exception, after the configured serverSelectionTimeoutMS and not much later.
/// </summary>
internal sealed class MongoConnectionRefusedTests
{
    private static readonly TimeSpan SelectionTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    // libmongoc's pooled server selection (mongoc-topology.c) waits for the remaining time truncated to whole
    // milliseconds, and mongoc_cond_timedwait truncates the current time's microseconds again when it builds the
    // deadline; it reports the timeout as soon as that wait ends, so it can give up to 2 ms early.
    private static readonly TimeSpan WaitGranularity = TimeSpan.FromMilliseconds(2);
    private static readonly BsonDocument Filter = new BsonDocumentBuilder().Add("_id", 1).Build();

    private MongoConnection connection = null!;

    [SetUp]
    public void Open() =>
        connection = MongoConnection.Open(new MongoConnectionSettings(
            $"mongodb://127.0.0.1:1/?serverSelectionTimeoutMS={SelectionTimeout.TotalMilliseconds}&connectTimeoutMS=200",
            "toki-tests"));

    [TearDown]
    public void Close() => connection.Dispose();

    private static IEnumerable<TestCaseData> Operations()
    {
        TestCaseData Case(string name, Action<MongoConnection> operation) => new TestCaseData(operation).SetArgDisplayNames(name);

        yield return Case("Ping", c => c.Ping());
        yield return Case("PingAsync", c => c.PingAsync().GetAwaiter().GetResult());
        yield return Case("InsertOne", c => c.GetCollection("toki", "calls").InsertOne(Filter));
        yield return Case("Find", c => c.GetCollection("toki", "calls").Find(Filter));
        yield return Case(
            "FindOneAndUpdate",
            c => c.GetCollection("toki", "calls").FindOneAndUpdate(Filter, new BsonDocumentBuilder().AddDocument("$set", s => s.Add("x", 1)).Build()));
        yield return Case(
            "UpdateManyAsync",
            c => c.GetCollection("toki", "calls").UpdateManyAsync(Filter, new BsonDocumentBuilder().AddDocument("$inc", s => s.Add("n", 1)).Build())
                .GetAwaiter().GetResult());
        yield return Case("DeleteOne", c => c.GetCollection("toki", "calls").DeleteOne(Filter));
        yield return Case(
            "CreateIndexes",
            c => c.GetCollection("toki", "calls").CreateIndexes([new MongoIndexModel(new BsonDocumentBuilder().Add("callId", 1).Build(), "callId_1")]));
        yield return Case("WithTransaction", c => c.WithTransaction(_ => 0));
    }

    [TestCaseSource(nameof(Operations))]
    public void Connection_refused_is_transient_within_the_server_selection_timeout(Action<MongoConnection> operation)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();

        var exception = Assert.Throws<MongoTransientException>(() => operation(connection));

        var elapsed = time.GetElapsedTime(started);
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Domain, Is.EqualTo(MongoErrorDomain.ServerSelection));
            Assert.That(exception.Code, Is.EqualTo(MongoErrorCodes.ServerSelectionFailure));
            Assert.That(exception.Message, Does.StartWith("No suitable servers found"));
            Assert.That(exception.Message, Does.Contain("127.0.0.1:1"));
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(SelectionTimeout - WaitGranularity));
            Assert.That(elapsed, Is.LessThan(SelectionTimeout + Slack));
        });
    }

    [Test]
    public void Concurrent_operations_each_rent_their_own_client_and_all_fail_transiently()
    {
        var failures = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => Assert.Throws<MongoTransientException>(() => connection.Ping())))
            .ToArray();

        Assert.That(Task.WhenAll(failures).GetAwaiter().GetResult(), Has.All.Not.Null);
    }

    [Test]
    public void A_disposed_connection_refuses_new_operations()
    {
        connection.Dispose();

        Assert.That(() => connection.Ping(), Throws.TypeOf<ObjectDisposedException>());
    }
}
