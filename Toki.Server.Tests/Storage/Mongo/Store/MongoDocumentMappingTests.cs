using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;
using Toki.Server.Storage.Mongo.Store;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>Records to documents, through their bytes, and back; and the exact shape operators see in mongosh.</summary>
internal sealed class MongoDocumentMappingTests
{
    /// <summary>Expected JSON is written over several lines; each line break stands for one space.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>What a server would hand back: the bytes, reparsed and validated.</summary>
    private static BsonDocument ThroughBytes(BsonDocument document) => BsonDocument.FromBytes(document.ToArray());

    [TestCaseSource(typeof(StoreTestData), nameof(AllStatuses))]
    public void A_call_with_every_field_set_survives_the_round_trip(CallStatus status)
    {
        var call = FullCall("c1", "alice", "bob", status);

        CallRecordAssert.AreEqual(MongoCallDocument.FromDocument(ThroughBytes(MongoCallDocument.ToDocument(call))), call);
    }

    [TestCaseSource(typeof(StoreTestData), nameof(AllStatuses))]
    public void A_call_with_nothing_optional_survives_the_round_trip(CallStatus status)
    {
        var call = Call("c1", "alice", "bob", status);

        CallRecordAssert.AreEqual(MongoCallDocument.FromDocument(ThroughBytes(MongoCallDocument.ToDocument(call))), call);
    }

    [TestCaseSource(typeof(StoreTestData), nameof(AllStatuses))]
    public void Only_a_non_terminal_call_carries_the_live_marker(CallStatus status)
    {
        var document = MongoCallDocument.ToDocument(Call("c1", "alice", "bob", status));

        Assert.That(document.Contains("live"), Is.EqualTo(!status.IsTerminal()));
        if (!status.IsTerminal())
        {
            Assert.That(document["live"].AsBoolean, Is.True);
        }
    }

    [Test]
    public void A_full_call_is_stored_with_the_contract_s_field_names_and_bson_types()
    {
        var call = FullCall("c1", "alice", "bob", CallStatus.Interrupted);

        var json = NativeBson.ToCanonicalExtendedJson(MongoCallDocument.ToDocument(call));

        Assert.That(json, Is.EqualTo(OneLine("""
            { "_id" : "c1", "callerId" : "alice", "calleeId" : "bob", "participants" : [ "alice", "bob" ],
            "callerName" : "Ålice \"the caller\"", "calleeName" : "Bob 🎧", "type" : "video", "status" : "interrupted", "live" : true,
            "createdAt" : { "$date" : { "$numberLong" : "1900000001124" } }, "acceptedAt" : { "$date" : { "$numberLong" : "1900000002125" } },
            "startedAt" : { "$date" : { "$numberLong" : "1900000003126" } }, "endedAt" : { "$date" : { "$numberLong" : "1900000304127" } },
            "endReason" : "hung_up", "endedBy" : "bob", "durationLimitSec" : { "$numberInt" : "299" }, "ratePerMinute" : { "$numberInt" : "13" },
            "activeMs" : { "$numberLong" : "123456789012" }, "lastResumedAt" : { "$date" : { "$numberLong" : "1900000005128" } },
            "joinedUserIds" : [ "bob", "alice" ], "interruptedUserIds" : [ "alice" ], "rejoinedUserIds" : [ "bob" ],
            "rejoinDeadlines" : { "alice" : { "$date" : { "$numberLong" : "1900000020143" } }, "bob" : { "$date" : { "$numberLong" : "1900000021144" } } },
            "rejoinDeadline" : { "$date" : { "$numberLong" : "1900000020143" } }, "interruptedFrom" : "active",
            "ringDeadline" : { "$date" : { "$numberLong" : "1900000021124" } }, "connectDeadline" : { "$date" : { "$numberLong" : "1900000031125" } },
            "endsAt" : { "$date" : { "$numberLong" : "1900000300128" } }, "holdCoins" : { "$numberLong" : "50" }, "coinsCharged" : { "$numberLong" : "49" },
            "billedSeconds" : { "$numberInt" : "293" }, "settledAt" : { "$date" : { "$numberLong" : "1900000304128" } }, "version" : { "$numberLong" : "7" } }
            """)));
    }

    [Test]
    public void Absent_values_are_stored_as_null_and_empty_sets_as_empty_arrays_and_documents()
    {
        var document = MongoCallDocument.ToDocument(Call("c1", "alice", "bob", CallStatus.Ended));

        string[] nulls =
        [
            "acceptedAt", "startedAt", "endedAt", "endReason", "endedBy", "lastResumedAt", "rejoinDeadline", "interruptedFrom",
            "ringDeadline", "connectDeadline", "endsAt", "settledAt",
        ];
        Assert.Multiple(() =>
        {
            Assert.That(nulls.Select(name => document[name].Type), Has.All.EqualTo(BsonType.Null));
            Assert.That(document.GetArray("joinedUserIds"), Is.Empty);
            Assert.That(document.GetArray("interruptedUserIds"), Is.Empty);
            Assert.That(document.GetArray("rejoinedUserIds"), Is.Empty);
            Assert.That(document.GetDocument("rejoinDeadlines"), Is.Empty);
            Assert.That(document.Count, Is.EqualTo(32), "every field of the contract, participants, no live marker");
        });
    }

    [Test]
    public void Times_are_truncated_to_the_millisecond_a_bson_date_holds()
    {
        var fine = T0.AddTicks(9_999).ToOffset(TimeSpan.FromHours(5.5));
        var call = Call("c1", "alice", "bob") with { CreatedAt = fine, RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["alice"] = fine } };

        var stored = MongoCallDocument.FromDocument(ThroughBytes(MongoCallDocument.ToDocument(call)));

        Assert.Multiple(() =>
        {
            Assert.That(stored.CreatedAt, Is.EqualTo(T0));
            Assert.That(stored.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(stored.RejoinDeadlines["alice"], Is.EqualTo(T0));
        });
    }

    [Test]
    public void A_user_with_every_field_set_survives_the_round_trip_with_int64_balances()
    {
        var user = new UserRecord { Id = "alice", Name = "Ålice 🎧", Coins = 9_000_000_000, HeldCoins = 40, Earnings = 7, IsOnCall = true, CurrentCallId = "c9" };

        var document = MongoUserDocument.ToDocument(user);

        Assert.That(MongoUserDocument.FromDocument(ThroughBytes(document)), Is.EqualTo(user));
        Assert.That(NativeBson.ToCanonicalExtendedJson(document), Is.EqualTo(OneLine("""
            { "_id" : "alice", "name" : "Ålice 🎧", "coins" : { "$numberLong" : "9000000000" }, "heldCoins" : { "$numberLong" : "40" },
            "earnings" : { "$numberLong" : "7" }, "isOnCall" : true, "currentCallId" : "c9" }
            """)));
    }

    [Test]
    public void An_idle_user_has_a_null_current_call()
    {
        var user = User("bob");

        var document = MongoUserDocument.ToDocument(user);

        Assert.That(document["currentCallId"].IsNull, Is.True);
        Assert.That(MongoUserDocument.FromDocument(ThroughBytes(document)), Is.EqualTo(user));
    }

    private static IEnumerable<TestCaseData> MernUsers()
    {
        yield return new TestCaseData(TestBson.Doc(b => b.Add("_id", ObjectId.Parse("65f0c0ffee0000000000abcd")).Add("username", "alice").Add("email", "a@example.com")
                .Add("coins", 120).Add("password", "hash")),
            new UserRecord { Id = "65f0c0ffee0000000000abcd", Name = "alice", Coins = 120 })
            .SetName("an ObjectId id, int32 coins, a username and none of Toki's other fields");
        yield return new TestCaseData(TestBson.Doc(b => b.Add("_id", "bob").Add("name", "Bob").Add("coins", 500.0).Add("heldCoins", 50).Add("earnings", 3_000_000_000.0)
                .Add("isOnCall", true).Add("currentCallId", "c1")),
            new UserRecord { Id = "bob", Name = "Bob", Coins = 500, HeldCoins = 50, Earnings = 3_000_000_000, IsOnCall = true, CurrentCallId = "c1" })
            .SetName("balances written by the Node driver as doubles and int32");
        yield return new TestCaseData(TestBson.Doc(b => b.Add("_id", "carol")),
            new UserRecord { Id = "carol", Name = "carol", Coins = 0 })
            .SetName("a bare user: no coins, not on a call, named by its id");
    }

    [TestCaseSource(nameof(MernUsers))]
    public void Users_a_MERN_backend_already_has_are_read(BsonDocument document, UserRecord expected)
    {
        Assert.That(MongoUserDocument.FromDocument(ThroughBytes(document)), Is.EqualTo(expected));
    }

    [Test]
    public void A_fractional_balance_is_refused_naming_the_user()
    {
        var document = TestBson.Doc(b => b.Add("_id", ObjectId.Parse("65f0c0ffee0000000000abcd")).Add("coins", 2.5));

        Assert.That(() => MongoUserDocument.FromDocument(document), Throws.TypeOf<InvalidDataException>()
            .With.Message.EqualTo("The users document '65f0c0ffee0000000000abcd' is not shaped as the store writes it: 'coins' is 2.5, not a whole number of coins."));
    }

    [TestCase(LedgerKind.Hold, "hold")]
    [TestCase(LedgerKind.Release, "release")]
    [TestCase(LedgerKind.Charge, "charge")]
    [TestCase(LedgerKind.Earn, "earn")]
    public void A_ledger_entry_is_keyed_by_call_and_step_and_survives_the_round_trip(LedgerKind kind, string wire)
    {
        var entry = Entry("c1", kind, "alice", 5_000_000_000, At(2));

        var document = MongoLedgerDocument.ToDocument(entry);

        Assert.That(MongoLedgerDocument.FromDocument(ThroughBytes(document)), Is.EqualTo(entry));
        Assert.That(NativeBson.ToCanonicalExtendedJson(document), Is.EqualTo(OneLine($$"""
            { "_id" : "c1:{{wire}}", "callId" : "c1", "kind" : "{{wire}}", "userId" : "alice", "amount" : { "$numberLong" : "5000000000" },
            "at" : { "$date" : { "$numberLong" : "1900000002123" } } }
            """)));
    }

    private static IEnumerable<TestCaseData> HandEdits()
    {
        yield return new TestCaseData(MongoStoreCollections.Users, (Func<BsonDocument, object>)MongoUserDocument.FromDocument,
            TestBson.Doc(b => b.Add("_id", "alice").Add("name", "Alice").Add("coins", 1.5).Add("heldCoins", 0L).Add("earnings", 0L)
                .Add("isOnCall", false).AddNull("currentCallId"))).SetName("coins written as a double in mongosh");
        yield return new TestCaseData(MongoStoreCollections.Calls, (Func<BsonDocument, object>)MongoCallDocument.FromDocument,
            Without(MongoCallDocument.ToDocument(Call("c1", "alice", "bob")), "version")).SetName("a call without version");
        yield return new TestCaseData(MongoStoreCollections.Calls, (Func<BsonDocument, object>)MongoCallDocument.FromDocument,
            Replace(MongoCallDocument.ToDocument(Call("c1", "alice", "bob")), "status", "ringing")).SetName("an unknown status");
        yield return new TestCaseData(MongoStoreCollections.Ledger, (Func<BsonDocument, object>)MongoLedgerDocument.FromDocument,
            Replace(MongoLedgerDocument.ToDocument(Entry("c1", LedgerKind.Hold, "alice", 1, T0)), "kind", "refund")).SetName("an unknown ledger kind");
    }

    [TestCaseSource(nameof(HandEdits))]
    public void A_document_not_shaped_as_the_store_writes_it_is_refused_naming_it(string collection, Func<BsonDocument, object> read, BsonDocument document)
    {
        var id = document.GetString("_id");

        Assert.That(() => read(document), Throws.TypeOf<InvalidDataException>()
            .With.Message.StartsWith($"The {collection} document '{id}' is not shaped as the store writes it: "));
    }

    private static BsonDocument Without(BsonDocument document, string field) =>
        TestBson.Doc(b =>
        {
            foreach (var element in document.Where(e => e.Name != field))
            {
                b.Add(element.Name, element.Value);
            }
        });

    private static BsonDocument Replace(BsonDocument document, string field, string value) =>
        TestBson.Doc(b =>
        {
            foreach (var element in document)
            {
                if (element.Name == field)
                {
                    b.Add(field, value);
                }
                else
                {
                    b.Add(element.Name, element.Value);
                }
            }
        });
}
