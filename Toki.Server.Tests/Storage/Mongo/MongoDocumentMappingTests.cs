using MongoDB.Bson;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo;
using static Toki.Server.Tests.Storage.Mongo.TestBson;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Records to documents, through their bytes, and back; and the exact shape operators see in mongosh.</summary>
[Category(TestCategories.Unit)]
internal sealed class MongoDocumentMappingTests
{
    /// <summary>Expected JSON is written over several lines; each line break stands for one space.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

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
            Assert.That(document["live"], Is.EqualTo(BsonBoolean.True));
        }
    }

    [Test]
    public void A_full_call_is_stored_with_the_contract_s_field_names_and_bson_types()
    {
        var call = FullCall("c1", "alice", "bob", CallStatus.Interrupted);

        Assert.That(Json(MongoCallDocument.ToDocument(call)), Is.EqualTo(OneLine("""
            { "_id" : "c1", "callerId" : "alice", "calleeId" : "bob", "participants" : ["alice", "bob"],
            "callerName" : "Ålice \"the caller\"", "calleeName" : "Bob \ud83c\udfa7", "type" : "video", "status" : "interrupted", "live" : true,
            "createdAt" : { "$date" : { "$numberLong" : "1900000001124" } }, "acceptedAt" : { "$date" : { "$numberLong" : "1900000002125" } },
            "startedAt" : { "$date" : { "$numberLong" : "1900000003126" } }, "endedAt" : { "$date" : { "$numberLong" : "1900000304127" } },
            "endReason" : "hung_up", "endedBy" : "bob", "durationLimitSec" : { "$numberInt" : "299" }, "ratePerMinute" : { "$numberInt" : "13" },
            "activeMs" : { "$numberLong" : "123456789012" }, "lastResumedAt" : { "$date" : { "$numberLong" : "1900000005128" } },
            "joinedUserIds" : ["bob", "alice"], "interruptedUserIds" : ["alice"], "rejoinedUserIds" : ["bob"],
            "rejoinDeadlines" : { "alice" : { "$date" : { "$numberLong" : "1900000020143" } }, "bob" : { "$date" : { "$numberLong" : "1900000021144" } } },
            "rejoinDeadline" : { "$date" : { "$numberLong" : "1900000020143" } }, "interruptedFrom" : "active",
            "ringDeadline" : { "$date" : { "$numberLong" : "1900000021124" } }, "connectDeadline" : { "$date" : { "$numberLong" : "1900000031125" } },
            "endsAt" : { "$date" : { "$numberLong" : "1900000300128" } }, "holdCoins" : { "$numberLong" : "50" }, "coinsCharged" : { "$numberLong" : "49" },
            "billedSeconds" : { "$numberInt" : "293" }, "settledAt" : { "$date" : { "$numberLong" : "1900000304128" } }, "version" : { "$numberLong" : "7" },
            "dueAt" : { "$date" : { "$numberLong" : "1900000020143" } } }
            """)));
    }

    [Test]
    public void Absent_values_are_stored_as_null_and_empty_sets_as_empty_arrays_and_documents()
    {
        var document = MongoCallDocument.ToDocument(Call("c1", "alice", "bob", CallStatus.Ended));

        string[] nulls =
        [
            "acceptedAt", "startedAt", "endedAt", "endReason", "endedBy", "lastResumedAt", "rejoinDeadline", "interruptedFrom",
            "ringDeadline", "connectDeadline", "endsAt", "settledAt", "dueAt",
        ];
        Assert.Multiple(() =>
        {
            Assert.That(nulls.Select(name => document[name]), Has.All.EqualTo(BsonNull.Value));
            Assert.That(document["joinedUserIds"], Is.EqualTo(new BsonArray()));
            Assert.That(document["interruptedUserIds"], Is.EqualTo(new BsonArray()));
            Assert.That(document["rejoinedUserIds"], Is.EqualTo(new BsonArray()));
            Assert.That(document["rejoinDeadlines"], Is.EqualTo(new BsonDocument()));
            Assert.That(document.ElementCount, Is.EqualTo(33), "every field of the contract, participants, dueAt, no live marker");
        });
    }

    [Test]
    public void Times_are_bson_dates_truncated_to_the_millisecond_and_read_back_in_utc()
    {
        var fine = T0.AddTicks(9_999).ToOffset(TimeSpan.FromHours(5.5));
        var call = Call("c1", "alice", "bob") with { CreatedAt = fine, RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["alice"] = fine } };

        var document = MongoCallDocument.ToDocument(call);
        var stored = MongoCallDocument.FromDocument(ThroughBytes(document));

        Assert.Multiple(() =>
        {
            Assert.That(document["createdAt"], Is.EqualTo(new BsonDateTime(T0.ToUnixTimeMilliseconds())));
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
        Assert.That(Json(document), Is.EqualTo(OneLine("""
            { "_id" : "alice", "name" : "Ålice \ud83c\udfa7", "coins" : { "$numberLong" : "9000000000" }, "heldCoins" : { "$numberLong" : "40" },
            "earnings" : { "$numberLong" : "7" }, "isOnCall" : true, "currentCallId" : "c9" }
            """)));
    }

    [Test]
    public void An_idle_user_has_a_null_current_call_and_int64_zero_balances()
    {
        var document = MongoUserDocument.ToDocument(User("bob", coins: 0));

        Assert.That(Json(document), Is.EqualTo(OneLine("""
            { "_id" : "bob", "name" : "Name of bob", "coins" : { "$numberLong" : "0" }, "heldCoins" : { "$numberLong" : "0" },
            "earnings" : { "$numberLong" : "0" }, "isOnCall" : false, "currentCallId" : null }
            """)));
        Assert.That(MongoUserDocument.FromDocument(ThroughBytes(document)), Is.EqualTo(User("bob", coins: 0)));
    }

    /// <summary>The shapes of mongo-init's validator tests: what a MERN backend writes, and what it is after Toki's updates.</summary>
    private static IEnumerable<TestCaseData> MernUsers() =>
        MongoValidatorCases.MernUsers().Select(user => new TestCaseData(user.Document, user.Read).SetName(user.Name));

    [TestCaseSource(nameof(MernUsers))]
    public void Users_a_MERN_backend_already_has_are_read(BsonDocument document, UserRecord expected)
    {
        Assert.That(MongoUserDocument.FromDocument(ThroughBytes(document)), Is.EqualTo(expected));
    }

    [TestCase(2.5, "'coins' is 2.5, not a whole number of coins.")]
    [TestCase(double.NaN, "'coins' is NaN, not a whole number of coins.")]
    [TestCase(9.3e18, "'coins' is 9.3E+18, not a whole number of coins.")]
    public void A_balance_that_is_not_a_whole_number_of_coins_is_refused_naming_the_user(double coins, string reason)
    {
        var document = new BsonDocument { { "_id", ObjectId.Parse("65f0c0ffee0000000000abcd") }, { "coins", coins } };

        Assert.That(() => MongoUserDocument.FromDocument(document), Throws.TypeOf<InvalidDataException>()
            .With.Message.EqualTo($"The users document '65f0c0ffee0000000000abcd' is not shaped as the store writes it: {reason}"));
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
        Assert.That(Json(document), Is.EqualTo(OneLine($$"""
            { "_id" : "c1:{{wire}}", "callId" : "c1", "kind" : "{{wire}}", "userId" : "alice", "amount" : { "$numberLong" : "5000000000" },
            "at" : { "$date" : { "$numberLong" : "1900000002123" } } }
            """)));
    }

    private static IEnumerable<TestCaseData> HandEdits()
    {
        var call = MongoCallDocument.ToDocument(Call("c1", "alice", "bob"));
        var user = MongoUserDocument.ToDocument(User("alice"));
        var entry = MongoLedgerDocument.ToDocument(Entry("c1", LedgerKind.Hold, "alice", 1, T0));
        TestCaseData Case(string collection, Func<BsonDocument, object> read, BsonDocument document, string reason, string name) =>
            new TestCaseData(collection, read, document, reason).SetName(name);

        yield return Case("users", MongoUserDocument.FromDocument, With(user, "coins", "500"), "'coins' is String, not Int64 or Int32 or Double.", "coins as a string");
        yield return Case("users", MongoUserDocument.FromDocument, With(user, "coins", new BsonDecimal128(5m)), "'coins' is Decimal128, not Int64 or Int32 or Double.", "coins as a decimal");
        yield return Case("users", MongoUserDocument.FromDocument, With(user, "isOnCall", 1), "'isOnCall' is Int32, not Boolean.", "isOnCall as a number");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "version", null), "'version' is missing.", "a call without version");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "version", 1.0), "'version' is Double, not Int64 or Int32.", "a double version");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "createdAt", BsonNull.Value), "'createdAt' is null.", "a null creation time");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "status", "ringing"), "Unknown call status 'ringing'.", "an unknown status");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "billedSeconds", 5_000_000_000L), "'billedSeconds' is 5000000000, beyond Int32.", "billed seconds beyond int32");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "joinedUserIds", new BsonArray { "alice", 7 }), "'joinedUserIds[1]' is Int32, not String.", "a joined user that is a number");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "rejoinDeadlines", new BsonDocument("alice", "soon")),
            "'rejoinDeadlines.alice' is String, not DateTime.", "a rejoin deadline that is not a date");
        yield return Case("videocalls", MongoCallDocument.FromDocument, With(call, "endsAt", new BsonDateTime(253402300800000)),
            "'endsAt' is 253402300800000 ms from the epoch, outside the years 1 to 9999.", "a date beyond the year 9999");
        yield return Case("transactions", MongoLedgerDocument.FromDocument, With(entry, "kind", "refund"), "Unknown ledger kind 'refund'.", "an unknown ledger kind");
    }

    [TestCaseSource(nameof(HandEdits))]
    public void A_document_not_shaped_as_the_store_writes_it_is_refused_naming_it(string collection, Func<BsonDocument, object> read, BsonDocument document,
        string reason)
    {
        var id = document["_id"].AsString;

        Assert.That(() => read(document), Throws.TypeOf<InvalidDataException>()
            .With.Message.EqualTo($"The {collection} document '{id}' is not shaped as the store writes it: {reason}"));
    }
}
