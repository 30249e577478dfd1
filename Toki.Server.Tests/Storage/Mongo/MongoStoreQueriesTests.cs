using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using static Toki.Server.Tests.Storage.Mongo.TestBson;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The exact filters, updates and sorts the store sends (canonical extended JSON).</summary>
[Category(TestCategories.Unit)]
internal sealed class MongoStoreQueriesTests
{
    [Test]
    public void A_user_id_that_looks_like_an_ObjectId_also_matches_an_ObjectId_id()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json(MongoStoreQueries.UserById("alice")), Is.EqualTo("""{ "_id" : "alice" }"""));
            Assert.That(Json(MongoStoreQueries.UserById("65f0c0ffee0000000000abcd")),
                Is.EqualTo("""{ "_id" : { "$in" : ["65f0c0ffee0000000000abcd", { "$oid" : "65f0c0ffee0000000000abcd" }] } }"""));
            Assert.That(Json(MongoStoreQueries.UserById("65f0c0ffee0000000000abcz")), Is.EqualTo("""{ "_id" : "65f0c0ffee0000000000abcz" }"""));
            Assert.That(Json(MongoStoreQueries.ClaimedBy("65f0c0ffee0000000000abcd", "c1")),
                Is.EqualTo("""{ "_id" : { "$in" : ["65f0c0ffee0000000000abcd", { "$oid" : "65f0c0ffee0000000000abcd" }] }, "currentCallId" : "c1" }"""));
        });
    }

    [Test]
    public void The_compare_and_set_matches_the_id_and_the_expected_int64_version()
    {
        Assert.That(Json(MongoStoreQueries.CallAtVersion("c1", 6)), Is.EqualTo("""{ "_id" : "c1", "version" : { "$numberLong" : "6" } }"""));
    }

    private static IEnumerable<TestCaseData> Patches()
    {
        yield return new TestCaseData(new UserPatch("alice", "c1", CoinsDelta: -50, HeldDelta: 50),
                """{ "$inc" : { "coins" : { "$numberLong" : "-50" }, "heldCoins" : { "$numberLong" : "50" }, "earnings" : { "$numberLong" : "0" } } }""")
            .SetName("balances only: $inc of the three int64 deltas");
        yield return new TestCaseData(new UserPatch("bob", "c1", EarningsDelta: 1_000_000_000_000, OnCall: false),
                """{ "$inc" : { "coins" : { "$numberLong" : "0" }, "heldCoins" : { "$numberLong" : "0" }, "earnings" : { "$numberLong" : "1000000000000" } } }""")
            .SetName("OnCall false: the flag is cleared by a separate conditional update");
        yield return new TestCaseData(new UserPatch("alice", "c1", OnCall: true),
                """{ "$inc" : { "coins" : { "$numberLong" : "0" }, "heldCoins" : { "$numberLong" : "0" }, "earnings" : { "$numberLong" : "0" } }, "$set" : { "isOnCall" : true, "currentCallId" : "c1" } }""")
            .SetName("OnCall true: claims the user for the call");
    }

    [TestCaseSource(nameof(Patches))]
    public void A_user_patch_adds_its_deltas_in_place(UserPatch patch, string expected)
    {
        Assert.That(Json(MongoStoreQueries.PatchUser(patch)), Is.EqualTo(expected));
    }

    [Test]
    public void Freeing_a_user_is_conditional_on_the_user_still_being_claimed_by_the_call()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json(MongoStoreQueries.ClaimedBy("bob", "c1")), Is.EqualTo("""{ "_id" : "bob", "currentCallId" : "c1" }"""));
            Assert.That(Json(MongoStoreQueries.ClearOnCall()), Is.EqualTo("""{ "$set" : { "isOnCall" : false, "currentCallId" : null } }"""));
        });
    }

    [Test]
    public void Set_coins_sets_an_int64()
    {
        Assert.That(Json(MongoStoreQueries.SetCoins(7)), Is.EqualTo("""{ "$set" : { "coins" : { "$numberLong" : "7" } } }"""));
    }

    [Test]
    public void Live_queries_repeat_the_partial_filter_of_their_indexes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json(MongoStoreQueries.LiveCallOf("alice")), Is.EqualTo("""{ "participants" : "alice", "live" : true }"""));
            Assert.That(Json(MongoStoreQueries.LiveCalls()), Is.EqualTo("""{ "live" : true }"""));
            Assert.That(Json(MongoStoreQueries.OldestFirst()), Is.EqualTo("""{ "createdAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }"""));
            Assert.That(Json(MongoStoreQueries.DueBy(DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_020_143))),
                Is.EqualTo("""{ "live" : true, "dueAt" : { "$lte" : { "$date" : { "$numberLong" : "1900000020143" } } } }"""));
            Assert.That(Json(MongoStoreQueries.EarliestDueFirst()), Is.EqualTo("""{ "dueAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }"""));
        });
    }

    [Test]
    public void History_without_a_cursor_is_every_call_of_the_user_newest_first()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json(MongoStoreQueries.History("u", null)), Is.EqualTo("""{ "participants" : "u" }"""));
            Assert.That(Json(MongoStoreQueries.NewestFirst()), Is.EqualTo("""{ "createdAt" : { "$numberInt" : "-1" }, "_id" : { "$numberInt" : "-1" } }"""));
        });
    }

    [Test]
    public void History_before_a_cursor_bounds_the_time_and_breaks_ties_by_id()
    {
        var cursor = new CallHistoryCursor(T0.AddTicks(5), "c9");

        Assert.That(Json(MongoStoreQueries.History("u", cursor)), Is.EqualTo("""
            { "participants" : "u", "createdAt" : { "$lte" : { "$date" : { "$numberLong" : "1900000000123" } } },
            "$or" : [{ "createdAt" : { "$lt" : { "$date" : { "$numberLong" : "1900000000123" } } } }, { "_id" : { "$lt" : "c9" } }] }
            """.ReplaceLineEndings(" ")));
    }

    [Test]
    public void The_ledger_of_a_call_is_read_by_time_then_by_key()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json(MongoStoreQueries.LedgerOf("c1")), Is.EqualTo("""{ "callId" : "c1" }"""));
            Assert.That(Json(MongoStoreQueries.LedgerOrder()), Is.EqualTo("""{ "at" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }"""));
        });
    }
}
