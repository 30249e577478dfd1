using MongoDB.Bson;
using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Storage.Mongo.TestBson;
using static Toki.Server.Tests.Storage.StoreTestData;
using Microsoft.Extensions.Time.Testing;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The store's reads, user writes, ping and startup checks against <see cref="FakeMongo"/>.</summary>
[Category(TestCategories.Unit)]
internal sealed class MongoStoreLogicTests
{
    private static MongoCallStore Store(FakeMongo fake, TimeProvider? time = null) =>
        new(fake.Client, "toki", time ?? TimeProvider.System, TimeSpan.FromSeconds(5));

    [Test]
    public async Task A_history_page_asks_for_one_more_call_than_the_limit_and_gives_a_cursor_when_it_comes()
    {
        var calls = new[] { Call("c3", "u", "v", createdAt: At(3)), Call("c2", "v", "u", createdAt: At(2)), Call("c1", "u", "w", createdAt: At(1)) };
        var fake = new FakeMongo { Answer = op => op.Name == "find" ? calls.Select(MongoCallDocument.ToDocument).ToArray() : null };

        var page = await Store(fake).GetCallHistoryAsync("u", 2, new CallHistoryCursor(At(9), "c9"), CancellationToken.None);

        Assert.That(fake.Log.Single(), Is.EqualTo(
            $"find videocalls {Json(MongoStoreQueries.History("u", new CallHistoryCursor(At(9), "c9")))} " +
            """[sort: { "createdAt" : { "$numberInt" : "-1" }, "_id" : { "$numberInt" : "-1" } }, limit: 3]"""));
        Assert.That(page.Calls.Select(c => c.Id), Is.EqualTo(new[] { "c3", "c2" }));
        Assert.That(page.Next, Is.EqualTo(new CallHistoryCursor(At(2), "c2")));
    }

    [Test]
    public async Task Due_calls_are_read_by_deadline_through_the_live_partial_filter_with_the_limit()
    {
        var fake = new FakeMongo();
        var store = Store(fake);

        await store.GetCallsDueAsync(DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_020_143), 25, CancellationToken.None);

        Assert.That(fake.Log, Is.EqualTo(new[]
        {
            """find videocalls { "live" : true, "dueAt" : { "$lte" : { "$date" : { "$numberLong" : "1900000020143" } } } } [sort: { "dueAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }, limit: 25]""",
        }));
    }

    [Test]
    public async Task Live_calls_are_read_oldest_first_and_the_ledger_by_time_then_key()
    {
        var fake = new FakeMongo();
        var store = Store(fake);

        await store.GetLiveCallsAsync(CancellationToken.None);
        await store.GetLedgerAsync("c1", CancellationToken.None);

        Assert.That(fake.Log, Is.EqualTo(new[]
        {
            """find videocalls { "live" : true } [sort: { "createdAt" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }]""",
            """find transactions { "callId" : "c1" } [sort: { "at" : { "$numberInt" : "1" }, "_id" : { "$numberInt" : "1" } }]""",
        }));
    }

    [Test]
    public void A_read_without_a_server_is_unavailable()
    {
        var fake = new FakeMongo { Answer = _ => throw DriverErrors.ServerSelectionTimeout() };

        Assert.That(() => Store(fake).GetUserAsync("alice", CancellationToken.None), Throws.TypeOf<CallStoreUnavailableException>()
            .With.Message.StartWith("MongoDB is unavailable: A timeout occurred after 300ms selecting a server"));
    }

    [Test]
    public async Task Clearing_a_stale_flag_checks_for_a_live_call_and_clears_in_one_transaction()
    {
        var fake = new FakeMongo();

        await Store(fake).ClearOnCallIfIdleAsync("alice", CancellationToken.None);

        Assert.That(fake.Log, Is.EqualTo(new[]
        {
            "startTransaction",
            """find videocalls { "participants" : "alice", "live" : true } [limit: 1] (txn)""",
            """update users { "_id" : "alice" } { "$set" : { "isOnCall" : false, "currentCallId" : null } } (txn)""",
            "commitTransaction",
        }));
    }

    [Test]
    public async Task A_user_with_a_live_call_keeps_the_flag()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "find" ? new[] { MongoCallDocument.ToDocument(Call("c1", "alice", "bob")) } : null };

        await Store(fake).ClearOnCallIfIdleAsync("alice", CancellationToken.None);

        Assert.That(fake.Log, Has.None.StartWith("update"));
    }

    [Test]
    public async Task Creating_a_user_whose_id_is_taken_answers_false()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "insert" ? throw DriverErrors.DuplicateKeyWrite("_id_", "_id: \"alice\"") : null };

        Assert.That(await Store(fake).CreateUserAsync(User("alice"), CancellationToken.None), Is.False);
        Assert.That(fake.Log.Single(), Is.EqualTo($"insert users {Json(MongoUserDocument.ToDocument(User("alice")))}"));
    }

    [Test]
    public async Task A_user_with_an_ObjectId_hex_id_is_not_created_beside_the_MERN_user_of_that_ObjectId()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "find" ? new[] { new BsonDocument("_id", ObjectId.Parse("65f0c0ffee0000000000abcd")) } : null };

        Assert.That(await Store(fake).CreateUserAsync(User("65f0c0ffee0000000000abcd"), CancellationToken.None), Is.False);
        Assert.That(fake.Log, Has.None.StartWith("insert"));
    }

    [Test]
    public void A_user_write_whose_majority_never_acknowledged_is_an_unknown_outcome()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "insert" ? throw DriverErrors.WriteConcernTimeoutOnWrite() : null };

        Assert.That(() => Store(fake).CreateUserAsync(User("alice"), CancellationToken.None), Throws.TypeOf<CallStoreOutcomeUnknownException>());
    }

    [Test]
    public async Task Setting_coins_returns_the_user_as_updated()
    {
        var updated = MongoUserDocument.ToDocument(User("alice", coins: 7));
        var fake = new FakeMongo { Answer = op => op.Name == "findOneAndUpdate" ? updated : null };

        var user = await Store(fake).SetCoinsAsync("alice", 7, CancellationToken.None);

        Assert.That(user, Is.EqualTo(User("alice", coins: 7)));
        Assert.That(fake.Log.Single(), Is.EqualTo(
            """findOneAndUpdate users { "_id" : "alice" } { "$set" : { "coins" : { "$numberLong" : "7" } } } [returnDocument: After]"""));
    }

    [Test]
    public void Setting_coins_when_a_majority_does_not_acknowledge_is_an_unknown_outcome()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "findOneAndUpdate" ? throw DriverErrors.WriteConcernTimeout() : null };

        Assert.That(() => Store(fake).SetCoinsAsync("alice", 7, CancellationToken.None), Throws.TypeOf<CallStoreOutcomeUnknownException>());
    }

    [Test]
    public async Task Ping_answers_true_when_the_primary_answers()
    {
        var fake = new FakeMongo();

        Assert.That(await Store(fake).PingAsync(CancellationToken.None), Is.True);
        Assert.That(fake.Log.Single(), Is.EqualTo("""command toki { "ping" : { "$numberInt" : "1" } }"""));
    }

    [Test]
    public async Task Ping_answers_false_when_no_server_can_be_selected()
    {
        var fake = new FakeMongo { Answer = _ => throw DriverErrors.ServerSelectionTimeout() };

        Assert.That(await Store(fake).PingAsync(CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Ping_answers_false_at_the_ping_timeout_without_waiting_out_the_server_selection()
    {
        var time = new FakeTimeProvider();
        var fake = new FakeMongo { Answer = op => Hang(op.Cancellation) };

        var ping = Store(fake, time).PingAsync(CancellationToken.None);
        Assert.That(ping.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(await ping.DefaultTimeout(), Is.False);
    }

    private static async Task<BsonDocument> Hang(CancellationToken cancellation)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellation);
        return new BsonDocument("ok", 1.0);
    }

    [Test]
    public async Task Startup_checks_for_a_replica_set_then_creates_the_indexes_of_mongo_init_with_the_store_s_write_concern()
    {
        var fake = new FakeMongo { Answer = op => op.Filter!.Contains("hello") ? new BsonDocument { { "setName", "rs0" }, { "ok", 1.0 } } : null };

        await Store(fake).EnsureReadyAsync(CancellationToken.None);

        var writeConcern = fake.Settings.WriteConcern;
        Assert.That(fake.Log, Is.EqualTo(new[]
        {
            """command toki { "hello" : { "$numberInt" : "1" } }""",
            $"command toki {Json(MongoStoreIndexes.CreateIndexesCommand("videocalls", MongoInitFiles.Indexes("videocalls"), writeConcern))}",
            $"command toki {Json(MongoStoreIndexes.CreateIndexesCommand("transactions", MongoInitFiles.Indexes("transactions"), writeConcern))}",
        }));
    }

    [Test]
    public void A_standalone_server_is_refused_since_transactions_need_a_replica_set()
    {
        var fake = new FakeMongo("mongodb://db1:27017/") { Answer = op => op.Filter!.Contains("hello") ? new BsonDocument { { "isWritablePrimary", true }, { "ok", 1.0 } } : null };

        Assert.That(() => Store(fake).EnsureReadyAsync(CancellationToken.None), Throws.InvalidOperationException.With.Message.EqualTo(
            "MongoDB at db1:27017 is not a replica set member: the store commits in multi-document transactions, which need one " +
            "(a single member is enough: start mongod with --replSet and run rs.initiate())."));
        Assert.That(fake.Log, Has.Count.EqualTo(1), "no index is created");
    }
}
