using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using static Toki.Server.Tests.Storage.Mongo.DriverErrors;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The driver's exceptions mapped to the port's outcomes, as <see cref="MongoStoreErrors"/> documents them.</summary>
[Category(TestCategories.Unit)]
internal sealed class MongoStoreErrorsTests
{
    private static IEnumerable<TestCaseData> DuplicateKeys()
    {
        yield return new TestCaseData(DuplicateKeyWrite("live_by_participant", "participants: \"bob\""), "live_by_participant")
            .SetName("a CRUD write error of category DuplicateKey (MongoWriteException)");
        yield return new TestCaseData(DuplicateKeyWrite("_id_", "_id: \"c1\""), "_id_").SetName("on the primary index");
        yield return new TestCaseData(DuplicateKeyCommand("live_by_participant"), "live_by_participant")
            .SetName("a command's code 11000 (MongoCommandException), e.g. building a unique index over duplicates");
        yield return new TestCaseData(LegacyDuplicateKey(), null).SetName("the legacy MongoDuplicateKeyException, a write-concern exception by type");
    }

    [TestCaseSource(nameof(DuplicateKeys))]
    public void A_duplicate_key_is_recognised_with_its_index_and_left_to_the_store_not_reported_as_a_failure(Exception exception, string? index)
    {
        Assert.Multiple(() =>
        {
            Assert.That(MongoStoreErrors.IsDuplicateKey(exception, out var indexName), Is.True);
            Assert.That(indexName, Is.EqualTo(index ?? "_id_"));
            Assert.That(MongoStoreErrors.Translate(exception, mayHaveApplied: true), Is.Null);
        });
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(Exception exception, bool mayHaveApplied, Type? expected, string name) =>
            new TestCaseData(exception, mayHaveApplied, expected).SetName(name);
        var unknown = typeof(CallStoreOutcomeUnknownException);
        var unavailable = typeof(CallStoreUnavailableException);

        yield return Case(WriteConcernTimeout(), false, unknown, "a write-concern timeout on a command: unknown, not a plain transient failure");
        yield return Case(WriteConcernTimeout(MongoStoreErrors.UnknownTransactionCommitResult), true, unknown,
            "a commit's write-concern timeout, labelled UnknownTransactionCommitResult, after the driver's commit retries");
        yield return Case(WriteConcernTimeoutOnWrite(), true, unknown, "a write-concern timeout on a CRUD write");
        yield return Case(ConnectionLost(MongoStoreErrors.UnknownTransactionCommitResult), true, unknown, "a commit whose answer was lost");
        yield return Case(ServerSelectionTimeout(), false, unavailable, "no server selected before anything was written: unavailable");
        yield return Case(ServerSelectionTimeout(), true, unknown, "no server selected once the write may have been sent: unknown");
        yield return Case(ConnectionLost(), false, unavailable, "a lost connection on a read");
        yield return Case(ConnectionLost(), true, unknown, "a lost connection during a write");
        yield return Case(ConnectionLost(MongoStoreErrors.TransientTransactionError), true, unavailable,
            "TransientTransactionError: the server says the transaction did not commit");
        yield return Case(Command(112, "WriteConflict", MongoStoreErrors.TransientTransactionError), false, unavailable,
            "a write conflict the driver's retries did not get past");
        yield return Case(NotPrimary(), false, unavailable, "a stepped-down primary");
        yield return Case(Command(91, "ShutdownInProgress", MongoStoreErrors.RetryableWriteError), false, unavailable, "a retryable write error");
        yield return Case(Command(189, "PrimarySteppedDown"), false, unavailable, "a transient server code");
        yield return Case(new MongoExecutionTimeoutException(Connection, "operation exceeded time limit"), false, unavailable, "MaxTimeMSExpired");
        yield return Case(new MongoWaitQueueFullException("The wait queue for acquiring a connection to server db1:27017 is full."), false, unavailable,
            "the connection pool's wait queue is full");
        yield return Case(new MongoAuthenticationException(Connection, "Unable to authenticate using sasl protocol mechanism SCRAM-SHA-256."), true, null,
            "bad credentials: a configuration error, not transient");
        yield return Case(Command(2, "BadValue"), true, null, "any other server refusal");
        yield return Case(new InvalidOperationException("a bug"), true, null, "a bug");
    }

    [TestCaseSource(nameof(Cases))]
    public void Driver_failures_map_to_the_port_s_outcomes(Exception exception, bool mayHaveApplied, Type? expected)
    {
        var translated = MongoStoreErrors.Translate(exception, mayHaveApplied);

        if (expected is null)
        {
            Assert.That(translated, Is.Null);
            return;
        }
        Assert.That(translated, Is.TypeOf(expected));
        Assert.That(translated!.InnerException, Is.SameAs(exception));
        Assert.That(translated.Message, Does.EndWith(exception.Message));
    }

    [Test]
    public void The_two_failures_read_differently()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MongoStoreErrors.Translate(ServerSelectionTimeout(), false)!.Message, Does.StartWith("MongoDB is unavailable: A timeout occurred"));
            Assert.That(MongoStoreErrors.Translate(WriteConcernTimeout(), false)!.Message,
                Is.EqualTo("MongoDB did not confirm whether the write was applied: waiting for replication timed out"));
        });
    }

    [Test]
    public void A_validator_s_refusal_is_explained_with_the_server_s_details()
    {
        var translated = MongoStoreErrors.Translate(ValidationFailure(), mayHaveApplied: true);

        Assert.That(translated, Is.TypeOf<InvalidOperationException>());
        Assert.That(translated!.Message, Is.EqualTo("MongoDB's $jsonSchema validator refused a write of the store (121 DocumentValidationFailure): " +
            """{ "failingDocumentId" : "alice", "details" : { "operatorName" : "$jsonSchema" } }"""));
    }

    [TestCase("E11000 duplicate key error collection: toki.videocalls index: live_by_participant dup key: { participants: \"bob\" }", "live_by_participant")]
    [TestCase("E11000 duplicate key error collection: toki.users index: _id_", "_id_")]
    [TestCase("E11000 duplicate key error", null)]
    public void The_index_is_read_from_the_server_s_message(string message, string? index)
    {
        Assert.That(MongoStoreErrors.ParseIndexName(message), Is.EqualTo(index));
    }
}
