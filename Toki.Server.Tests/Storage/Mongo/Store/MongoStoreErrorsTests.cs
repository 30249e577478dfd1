using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Store;

namespace Toki.Server.Tests.Storage.Mongo.Store;

internal sealed class MongoStoreErrorsTests
{
    private static MongoDuplicateKeyException DuplicateKey(string? index, BsonDocument? keyValue) =>
        new(MongoErrorDomain.Server, MongoErrorCodes.DuplicateKey, "E11000 duplicate key error", [], null, index, null, keyValue);

    private static BsonDocument Key(string userId) => TestBson.Doc(b => b.Add("participants", userId));

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(DuplicateKey("live_by_participant", Key("bob")), "bob").SetName("the callee named by the live guard");
        yield return new TestCaseData(DuplicateKey("live_by_participant", Key("alice")), "alice").SetName("the caller named by the live guard");
        yield return new TestCaseData(DuplicateKey("_id_", TestBson.Doc(b => b.Add("_id", "c1"))), null).SetName("the primary index: not a busy user");
        yield return new TestCaseData(DuplicateKey("live_by_participant", null), null).SetName("no keyValue in the reply");
        yield return new TestCaseData(DuplicateKey("live_by_participant", Key("mallory")), null).SetName("a user who is not a participant");
        yield return new TestCaseData(DuplicateKey("live_by_participant", TestBson.Doc(b => b.Add("participants", 7))), null).SetName("a key that is not a string");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_duplicate_key_on_the_live_guard_names_the_busy_participant(MongoDuplicateKeyException exception, string? busy)
    {
        Assert.That(MongoStoreErrors.BusyParticipant(exception, "alice", "bob"), Is.EqualTo(busy));
    }

    [Test]
    public void A_transient_failure_becomes_unavailable_and_keeps_its_cause()
    {
        var transient = new MongoTransientException(MongoErrorDomain.ServerSelection, MongoErrorCodes.ServerSelectionFailure, "No suitable servers found", [], null);

        var unavailable = MongoStoreErrors.Unavailable(transient);

        Assert.That(unavailable.Message, Is.EqualTo("MongoDB is unavailable: No suitable servers found"));
        Assert.That(unavailable.InnerException, Is.SameAs(transient));
    }
}
