using MongoDB.Bson;
using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The MongoDB store's own behaviour on a real replica set, beyond the port's contract: the documents as the server
/// stores them, a MERN backend's users under mongo-init's validators, and the server's refusals. Skipped without a server.
/// </summary>
[TestFixture]
[Category(TestCategories.Mongo)]
internal sealed class MongoServerTests
{
    private MongoTestServer _server = null!;
    private MongoStoreHarness _harness = null!;

    [OneTimeSetUp]
    public async Task FindServer() => _server = await MongoTestServer.RequireAsync("MongoDB server tests");

    [SetUp]
    public async Task CreateStore() => _harness = await MongoStoreHarness.CreateAsync(_server, "server");

    [TearDown]
    public async Task DropStore() => await _harness.DisposeAsync();

    private IMongoCollection<BsonDocument> Collection(string name) => _harness.Database.GetCollection<BsonDocument>(name);

    private Task<BsonDocument> RawAsync(string collection, BsonValue id) =>
        Collection(collection).Find(new BsonDocument("_id", id)).SingleAsync();

    [Test]
    public async Task The_server_stores_exactly_the_mapped_documents()
    {
        var store = _harness.Store;
        await store.CreateUserAsync(User("alice"), CancellationToken.None);
        await store.CreateUserAsync(User("bob"), CancellationToken.None);
        var call = FullCall("c1", "alice", "bob", CallStatus.Active);
        var entry = Entry("c1", LedgerKind.Hold, "alice", 50, At(1));
        await store.CommitAsync(new CallCommit(call, null, [entry], [new UserPatch("alice", "c1", CoinsDelta: -50, HeldDelta: 50, OnCall: true)]),
            CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await RawAsync("videocalls", "c1"), Is.EqualTo(MongoCallDocument.ToDocument(call)));
            Assert.That(await RawAsync("transactions", "c1:hold"), Is.EqualTo(MongoLedgerDocument.ToDocument(entry)));
            Assert.That(await RawAsync("users", "alice"), Is.EqualTo(MongoUserDocument.ToDocument(
                User("alice", coins: 50) with { HeldCoins = 50, IsOnCall = true, CurrentCallId = "c1" })));
        });
    }

    /// <summary>The defect of the old validator: every Toki write to such a user failed with error 121.</summary>
    [Test]
    public async Task A_MERN_backend_s_users_are_read_patched_and_set_under_the_validators()
    {
        var aliceId = ObjectId.Parse("65f0c0ffee0000000000abcd");
        await Collection("users").InsertManyAsync(
        [
            new BsonDocument { { "_id", aliceId }, { "username", "alice" }, { "email", "a@example.com" }, { "coins", 120 }, { "__v", 0 } },
            new BsonDocument { { "_id", "bob" }, { "name", "Bob" }, { "coins", 500.0 } },
        ]);
        var store = _harness.Store;
        var alice = aliceId.ToString();

        var placed = await store.CommitAsync(new CallCommit(Call("c1", alice, "bob"), null, [],
            [new UserPatch(alice, "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]), CancellationToken.None);
        var ended = await store.CommitAsync(new CallCommit(Call("c1", alice, "bob", CallStatus.Ended, version: 2), 1,
            [Entry("c1", LedgerKind.Charge, alice, 20, At(5)), Entry("c1", LedgerKind.Earn, "bob", 20, At(5))],
            [new UserPatch(alice, "c1", CoinsDelta: -20, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 20, OnCall: false)]), CancellationToken.None);
        var set = await store.SetCoinsAsync(alice, 1_000, CancellationToken.None);

        Assert.That((placed, ended), Is.EqualTo((CommitOutcome.Committed, CommitOutcome.Committed)));
        Assert.That(set, Is.EqualTo(new UserRecord { Id = alice, Name = "alice", Coins = 1_000 }));
        Assert.That(await store.GetUserAsync("bob", CancellationToken.None), Is.EqualTo(new UserRecord { Id = "bob", Name = "Bob", Coins = 500, Earnings = 20 }));
        var rawBob = await RawAsync("users", "bob");
        Assert.Multiple(() =>
        {
            Assert.That(rawBob["coins"], Is.EqualTo(new BsonDouble(500)), "a double stays a double under $inc");
            Assert.That(rawBob["earnings"], Is.EqualTo(new BsonInt64(20)), "a missing balance is created as Int64");
        });
    }

    [Test]
    public async Task A_write_a_validator_refuses_is_explained_and_nothing_is_kept()
    {
        await _harness.Store.CreateUserAsync(User("alice"), CancellationToken.None);
        await _harness.Store.CreateUserAsync(User("bob"), CancellationToken.None);
        await _harness.Database.RunCommandAsync<BsonDocument>(BsonDocument.Parse(
            """{ "collMod": "transactions", "validator": { "$jsonSchema": { "properties": { "amount": { "minimum": 100 } } } } }"""));

        Assert.That(() => _harness.Store.CommitAsync(new CallCommit(Call("c1", "alice", "bob"), null, [Entry("c1", LedgerKind.Hold, "alice", 5, At(1))], []),
                CancellationToken.None),
            Throws.InvalidOperationException.With.Message.StartWith("MongoDB's $jsonSchema validator refused a write of the store (121 DocumentValidationFailure): "));
        Assert.That(await _harness.Store.GetCallAsync("c1", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Two_live_calls_of_one_user_stop_the_unique_live_index_with_a_duplicate_key_from_the_command()
    {
        await _harness.Database.DropCollectionAsync("videocalls");
        await Collection("videocalls").InsertManyAsync(
        [
            MongoCallDocument.ToDocument(Call("c1", "alice", "bob", CallStatus.Active)),
            MongoCallDocument.ToDocument(Call("c2", "carol", "bob", CallStatus.Pending)),
        ]);

        var failure = Assert.ThrowsAsync<MongoCommandException>(() => _harness.MongoStore.EnsureReadyAsync(CancellationToken.None));

        Assert.That(MongoStoreErrors.IsDuplicateKey(failure!, out var index), Is.True, failure!.Message);
        Assert.That(index, Is.EqualTo(MongoStoreIndexes.LiveByParticipantName));
    }
}
