using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Store;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>
/// The validators of mongo-init/toki-collections.json accept every document the store writes, and refuse what a
/// careless hand edit would write, so that a server running them never rejects a commit.
/// </summary>
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

    private static BsonDocument With(BsonDocument document, string field, Action<BsonDocumentBuilder> write) =>
        TestBson.Doc(b =>
        {
            foreach (var element in document.Where(e => e.Name != field))
            {
                b.Add(element.Name, element.Value);
            }
            write(b);
        });

    private static BsonDocument Without(BsonDocument document, string field) => With(document, field, _ => { });

    private static IEnumerable<TestCaseData> HandEdits()
    {
        var call = MongoCallDocument.ToDocument(FullCall("c1", "alice", "bob", CallStatus.Active));
        var user = MongoUserDocument.ToDocument(User("alice"));
        var entry = MongoLedgerDocument.ToDocument(Entry("c1", LedgerKind.Hold, "alice", 30, At(1)));
        TestCaseData Case(string collection, BsonDocument document, string error, string name) =>
            new TestCaseData(collection, document, error).SetName(name);

        yield return Case("users", With(user, "coins", b => b.Add("coins", 500.0)), "$.coins: BSON Double is not long", "coins typed as a plain mongosh number");
        yield return Case("users", Without(user, "heldCoins"), "$: the required field 'heldCoins' is missing", "a user without heldCoins");
        yield return Case("users", With(user, "currentCallId", b => b.Add("currentCallId", 5)), "$.currentCallId: BSON Int32 is not string or null", "a numeric current call");
        yield return Case("videocalls", With(call, "status", b => b.Add("status", "ringing")),
            """$.status: "ringing" is not one of ["pending", "accepted", "active", "interrupted", "ended", "missed", "rejected", "cancelled"]""", "an unknown status");
        yield return Case("videocalls", With(call, "live", b => b.Add("live", false)), "$.live: false is not one of [true]", "live written as false");
        yield return Case("videocalls", Without(call, "version"), "$: the required field 'version' is missing", "a call without version");
        yield return Case("videocalls", With(call, "version", b => b.Add("version", 7)), "$.version: BSON Int32 is not long", "an int32 version");
        yield return Case("videocalls", With(call, "note", b => b.Add("note", "x")), "$.note: the field is not allowed", "a field the store does not write");
        yield return Case("videocalls", With(call, "rejoinDeadlines", b => b.AddDocument("rejoinDeadlines", d => d.Add("alice", "soon"))),
            "$.rejoinDeadlines.alice: BSON String is not date", "a rejoin deadline that is not a date");
        yield return Case("videocalls", With(call, "participants", b => b.AddArray("participants", a => a.Add("alice").Add("bob").Add("carol"))),
            "$.participants: 3 items, more than 2", "three participants");
        yield return Case("videocalls", With(call, "joinedUserIds", b => b.AddArray("joinedUserIds", a => a.Add(1))),
            "$.joinedUserIds[0]: BSON Int32 is not string", "a joined user that is not a string");
        yield return Case("transactions", With(entry, "kind", b => b.Add("kind", "refund")),
            """$.kind: "refund" is not one of ["hold", "release", "charge", "earn"]""", "an unknown ledger kind");
        yield return Case("transactions", With(entry, "amount", b => b.Add("amount", 30)), "$.amount: BSON Int32 is not long", "an int32 amount");
    }

    [TestCaseSource(nameof(HandEdits))]
    public void The_validators_refuse_documents_the_store_would_not_write(string collection, BsonDocument document, string error)
    {
        Assert.That(Validate(collection, document), Is.EqualTo(new[] { error }));
    }

    [Test]
    public void Users_may_carry_fields_of_their_own_since_the_profile_collection_is_shared()
    {
        var user = With(MongoUserDocument.ToDocument(User("alice")), "email", b => b.Add("email", "alice@example.com"));

        Assert.That(Validate(MongoStoreCollections.Users, user), Is.Empty);
    }

    [Test]
    public void A_keyword_this_subset_does_not_implement_is_refused_rather_than_ignored()
    {
        using var schema = JsonDocument.Parse("""{ "bsonType": "object", "properties": { "a": { "bsonType": "string", "pattern": "^x" } } }""");

        Assert.That(() => JsonSchemaSubset.Validate(schema.RootElement, TestBson.Doc(b => b.Add("a", "y"))),
            Throws.TypeOf<NotSupportedException>().With.Message.EqualTo("$.a: the $jsonSchema keyword 'pattern' is not implemented here"));
    }
}
