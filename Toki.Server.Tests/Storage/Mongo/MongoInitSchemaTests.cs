using System.Text.Json;
using MongoDB.Bson;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Storage.Mongo.TestBson;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The validators of mongo-init/toki-collections.json, evaluated here by <see cref="JsonSchemaSubset"/> (no server is
/// needed): they accept every document the store writes and every MERN user shape it reads, so that a server running them
/// never refuses a commit nor a MERN backend's own writes, and they refuse what a careless hand edit would write. The
/// MongoDB tier runs the same validators on a real server under the whole storage contract.
/// </summary>
[Category(TestCategories.Unit)]
internal sealed class MongoInitSchemaTests
{
    private JsonDocument _collections = null!;

    [OneTimeSetUp]
    public void ReadFile() => _collections = MongoInitFiles.Collections();

    [OneTimeTearDown]
    public void DisposeFile() => _collections.Dispose();

    private IReadOnlyList<string> Validate(string collection, BsonDocument document) =>
        JsonSchemaSubset.Validate(MongoInitFiles.Schema(_collections, collection), document);

    private static IEnumerable<TestCaseData> StoredCalls() =>
        AllStatuses.SelectMany(status => new[]
        {
            new TestCaseData(FullCall("c1", "alice", "bob", status)).SetName($"{status}, every field set"),
            new TestCaseData(Call("c1", "alice", "bob", status)).SetName($"{status}, nothing optional"),
            new TestCaseData(Call("c1", "alice", "alice", status)).SetName($"{status}, a call to oneself"),
        });

    [TestCaseSource(nameof(StoredCalls))]
    public void Every_call_the_store_writes_passes_the_videocalls_validator(CallRecord call)
    {
        Assert.That(Validate(MongoStoreCollections.Calls, MongoCallDocument.ToDocument(call)), Is.Empty);
    }

    [Test]
    public void Every_user_the_store_writes_passes_the_users_validator()
    {
        var busy = new UserRecord { Id = "alice", Name = "Alice", Coins = 9_000_000_000, HeldCoins = 40, Earnings = 7, IsOnCall = true, CurrentCallId = "c9" };

        Assert.Multiple(() =>
        {
            Assert.That(Validate(MongoStoreCollections.Users, MongoUserDocument.ToDocument(busy)), Is.Empty);
            Assert.That(Validate(MongoStoreCollections.Users, MongoUserDocument.ToDocument(User("bob"))), Is.Empty);
        });
    }

    private static IEnumerable<TestCaseData> MernUsers() =>
        MongoValidatorCases.MernUsers().Select(user => new TestCaseData(user.Document).SetName(user.Name));

    /// <summary>The defect of the libmongoc store's validator: a string _id, a name and Int64 coins were required.</summary>
    [TestCaseSource(nameof(MernUsers))]
    public void Every_MERN_user_shape_the_store_reads_passes_the_users_validator_before_and_after_Toki_s_writes(BsonDocument user)
    {
        Assert.That(Validate(MongoStoreCollections.Users, user), Is.Empty);
    }

    [TestCaseSource(typeof(MongoInitSchemaTests), nameof(Kinds))]
    public void Every_ledger_entry_the_store_writes_passes_the_transactions_validator(LedgerKind kind)
    {
        Assert.That(Validate(MongoStoreCollections.Ledger, MongoLedgerDocument.ToDocument(Entry("c1", kind, "alice", 30, At(1)))), Is.Empty);
    }

    private static LedgerKind[] Kinds() => Enum.GetValues<LedgerKind>();

    [Test]
    public void The_demo_users_are_the_development_seed_users()
    {
        Assert.That(File.ReadAllText(Path.Combine(MongoInitFiles.Folder, "demo-users.json")),
            Is.EqualTo(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Toki.Server", "seed-users.json"))));
    }

    private static IEnumerable<TestCaseData> HandEdits()
    {
        var call = MongoCallDocument.ToDocument(FullCall("c1", "alice", "bob", CallStatus.Active));
        var user = MongoUserDocument.ToDocument(User("alice"));
        var entry = MongoLedgerDocument.ToDocument(Entry("c1", LedgerKind.Hold, "alice", 30, At(1)));
        TestCaseData Case(string collection, BsonDocument document, string error, string name) =>
            new TestCaseData(collection, document, error).SetName(name);

        yield return Case("users", With(user, "coins", "500"), "$.coins: BSON String is not long or int or double or null", "coins typed as a string");
        yield return Case("users", With(user, "coins", new BsonDecimal128(500m)), "$.coins: BSON Decimal128 is not long or int or double or null", "coins typed as a decimal");
        yield return Case("users", With(user, "_id", 7), "$._id: BSON Int32 is not string or objectId", "a numeric id");
        yield return Case("users", new BsonDocument("name", "Nobody"), "$: the required field '_id' is missing", "no id at all");
        yield return Case("users", With(user, "isOnCall", 1), "$.isOnCall: BSON Int32 is not bool or null", "isOnCall as a number");
        yield return Case("users", With(user, "currentCallId", 5), "$.currentCallId: BSON Int32 is not string or null", "a numeric current call");
        yield return Case("videocalls", With(call, "status", "ringing"),
            """$.status: "ringing" is not one of ["pending", "accepted", "active", "interrupted", "ended", "missed", "rejected", "cancelled"]""", "an unknown status");
        yield return Case("videocalls", With(call, "live", false), "$.live: false is not one of [true]", "live written as false");
        yield return Case("videocalls", With(call, "version", null), "$: the required field 'version' is missing", "a call without version");
        yield return Case("videocalls", With(call, "version", 7), "$.version: BSON Int32 is not long", "an int32 version");
        yield return Case("videocalls", With(call, "note", "x"), "$.note: the field is not allowed", "a field the store does not write");
        yield return Case("videocalls", With(call, "rejoinDeadlines", new BsonDocument("alice", "soon")),
            "$.rejoinDeadlines.alice: BSON String is not date", "a rejoin deadline that is not a date");
        yield return Case("videocalls", With(call, "participants", new BsonArray { "alice", "bob", "carol" }),
            "$.participants: 3 items, more than 2", "three participants");
        yield return Case("videocalls", With(call, "joinedUserIds", new BsonArray { 1 }),
            "$.joinedUserIds[0]: BSON Int32 is not string", "a joined user that is not a string");
        yield return Case("transactions", With(entry, "kind", "refund"),
            """$.kind: "refund" is not one of ["hold", "release", "charge", "earn"]""", "an unknown ledger kind");
        yield return Case("transactions", With(entry, "amount", 30), "$.amount: BSON Int32 is not long", "an int32 amount");
    }

    [TestCaseSource(nameof(HandEdits))]
    public void The_validators_refuse_documents_the_store_would_not_write_or_read(string collection, BsonDocument document, string error)
    {
        Assert.That(Validate(collection, document), Is.EqualTo(new[] { error }));
    }

    [Test]
    public void A_keyword_this_subset_does_not_implement_is_refused_rather_than_ignored()
    {
        using var schema = JsonDocument.Parse("""{ "bsonType": "object", "properties": { "a": { "bsonType": "string", "pattern": "^x" } } }""");

        Assert.That(() => JsonSchemaSubset.Validate(schema.RootElement, new BsonDocument("a", "y")),
            Throws.TypeOf<NotSupportedException>().With.Message.EqualTo("$.a: the $jsonSchema keyword 'pattern' is not implemented here"));
    }
}
