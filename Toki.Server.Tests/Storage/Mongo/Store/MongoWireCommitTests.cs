using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Store;
using static Toki.Server.Tests.Storage.Mongo.Store.FakeStoreReplies;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>One commit as libmongoc puts it on the wire, against <see cref="FakeMongoServer"/>.</summary>
internal sealed class MongoWireCommitTests
{
    private static MongoCallStore Open(FakeMongoServer server) => new(server.Connect(), "toki", TimeProvider.System, TimeSpan.FromSeconds(5));

    private static BsonDocument Statement(BsonDocument command) => command.GetArray("updates").Single().AsDocument;

    private static readonly CallRecord Active = Call("c1", "alice", "bob", CallStatus.Active) with { HoldCoins = 30 };

    private static CallCommit Settle() => new(
        Active with { Status = CallStatus.Ended, EndedAt = At(60), Version = 2 }, 1,
        [Entry("c1", LedgerKind.Charge, "alice", 20, At(60))],
        [new UserPatch("alice", "c1", CoinsDelta: 10, HeldDelta: -30, OnCall: false), new UserPatch("bob", "c1", EarningsDelta: 20, OnCall: false)]);

    [Test]
    public async Task An_update_commit_is_one_majority_transaction_with_the_compare_and_set_first()
    {
        using var server = new FakeMongoServer(Default);
        using var store = Open(server);
        var commit = Settle();

        var outcome = await store.CommitAsync(commit, CancellationToken.None);

        var commands = server.Commands;
        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed));
        Assert.That(commands.Select(Describe), Is.EqualTo(new[]
        {
            "update:videocalls", "insert:transactions", "update:users", "update:users", "update:users", "update:users", "commitTransaction",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(Statement(commands[0]).GetDocument("q").ToArray(), Is.EqualTo(MongoStoreQueries.CallAtVersion("c1", 1).ToArray()));
            Assert.That(Statement(commands[0]).GetDocument("u").ToArray(), Is.EqualTo(MongoStoreQueries.ReplaceCall(commit.Call).ToArray()));
            Assert.That(commands[1].GetArray("documents").Single().AsDocument.ToArray(), Is.EqualTo(MongoLedgerDocument.ToDocument(commit.Ledger[0]).ToArray()));
            Assert.That(Statement(commands[2]).GetDocument("q").ToArray(), Is.EqualTo(MongoStoreQueries.ById("alice").ToArray()));
            Assert.That(Statement(commands[2]).GetDocument("u").ToArray(), Is.EqualTo(MongoStoreQueries.PatchUser(commit.Users[0]).ToArray()));
            Assert.That(Statement(commands[3]).GetDocument("q").ToArray(), Is.EqualTo(MongoStoreQueries.ClaimedBy("alice", "c1").ToArray()));
            Assert.That(Statement(commands[3]).GetDocument("u").ToArray(), Is.EqualTo(MongoStoreQueries.ClearOnCall.ToArray()));
            Assert.That(Statement(commands[5]).GetDocument("q").ToArray(), Is.EqualTo(MongoStoreQueries.ClaimedBy("bob", "c1").ToArray()));
            Assert.That(commands.Take(6).Select(c => c.GetString("$db")), Has.All.EqualTo("toki"));
            Assert.That(commands[0].GetBoolean("startTransaction"), Is.True);
            Assert.That(commands[0].GetDocument("readConcern").GetString("level"), Is.EqualTo("majority"));
            Assert.That(commands.Select(c => c.GetBoolean("autocommit")), Has.All.False);
            Assert.That(commands.Select(c => c.GetInt64("txnNumber")).Distinct().Count(), Is.EqualTo(1));
            Assert.That(commands[^1].GetDocument("writeConcern").GetString("w"), Is.EqualTo("majority"));
            Assert.That(commands.Take(6).Select(c => c.Contains("writeConcern")), Has.All.False, "inside a transaction only the commit carries it");
        });
    }

    [Test]
    public async Task A_stale_version_aborts_before_anything_else_is_written()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "update" ? Updated(0) : Default(c));
        using var store = Open(server);

        var outcome = await store.CommitAsync(Settle(), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.VersionConflict));
        Assert.That(server.Commands.Select(Describe), Is.EqualTo(new[] { "update:videocalls", "abortTransaction" }));
    }

    [Test]
    public async Task A_new_call_checks_the_caller_then_the_callee_then_inserts_the_call_and_claims_both()
    {
        using var server = new FakeMongoServer(Default);
        using var store = Open(server);
        var call = Call("c1", "alice", "bob");

        var outcome = await store.CommitAsync(new CallCommit(call, null, [],
            [new UserPatch("alice", "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]), CancellationToken.None);

        var commands = server.Commands;
        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed));
        Assert.That(commands.Select(Describe), Is.EqualTo(new[]
        {
            "find:videocalls", "find:videocalls", "insert:videocalls", "update:users", "update:users", "commitTransaction",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(commands[0].GetDocument("filter").ToArray(), Is.EqualTo(MongoStoreQueries.LiveCallOf("alice").ToArray()));
            Assert.That(commands[1].GetDocument("filter").ToArray(), Is.EqualTo(MongoStoreQueries.LiveCallOf("bob").ToArray()));
            Assert.That(commands[0].GetInt64("limit"), Is.EqualTo(1));
            Assert.That(commands[2].GetArray("documents").Single().AsDocument.ToArray(), Is.EqualTo(MongoCallDocument.ToDocument(call).ToArray()));
            Assert.That(commands.Select(c => c.GetInt64("txnNumber")).Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_live_call_of_the_callee_refuses_the_new_call_naming_the_callee()
    {
        var finds = 0;
        using var server = new FakeMongoServer(c => c[0].Name == "find" && ++finds == 2
            ? Cursor("videocalls", MongoCallDocument.ToDocument(Call("c0", "carol", "bob", CallStatus.Active)))
            : Default(c));
        using var store = Open(server);

        var outcome = await store.CommitAsync(new CallCommit(Call("c1", "alice", "bob"), null, [], []), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Busy("bob")));
        Assert.That(server.Commands.Select(Describe), Is.EqualTo(new[] { "find:videocalls", "find:videocalls", "abortTransaction" }));
    }

    private static IEnumerable<TestCaseData> RefusedInserts()
    {
        yield return new TestCaseData(DuplicateKey("videocalls", "live_by_participant", "participants", "bob"), CommitOutcome.Busy("bob"))
            .SetName("the live guard names the callee: busy");
        yield return new TestCaseData(DuplicateKey("videocalls", "_id_", "_id", "c1"), CommitOutcome.VersionConflict)
            .SetName("the id exists: version conflict");
    }

    [TestCaseSource(nameof(RefusedInserts))]
    public async Task A_duplicate_key_on_the_call_insert_is_an_outcome_not_an_error(BsonDocument reply, CommitOutcome expected)
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? reply : Default(c));
        using var store = Open(server);

        var outcome = await store.CommitAsync(new CallCommit(Call("c1", "alice", "bob"), null, [Entry("c1", LedgerKind.Hold, "alice", 5, T0)],
            [new UserPatch("alice", "c1", OnCall: true)]), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(expected));
        Assert.That(server.Commands.Select(Describe), Is.EqualTo(new[] { "find:videocalls", "find:videocalls", "insert:videocalls", "abortTransaction" }));
    }

    [Test]
    public void A_duplicate_ledger_key_throws_and_aborts_the_transaction()
    {
        using var server = new FakeMongoServer(c => Describe(c) == "insert:transactions" ? DuplicateKey("transactions", "_id_", "_id", "c1:charge") : Default(c));
        using var store = Open(server);

        Assert.That(() => store.CommitAsync(Settle(), CancellationToken.None), Throws.InvalidOperationException
            .With.Message.EqualTo("Call c1: the ledger already has the step 'c1:charge'; nothing was committed."));
        Assert.That(server.Commands.Select(Describe), Is.EqualTo(new[] { "update:videocalls", "insert:transactions", "abortTransaction" }));
    }

    [Test]
    public void A_patch_for_an_unknown_user_throws_and_aborts_the_transaction()
    {
        using var server = new FakeMongoServer(c => Describe(c) == "update:users" ? Updated(0) : Default(c));
        using var store = Open(server);

        Assert.That(() => store.CommitAsync(Settle(), CancellationToken.None), Throws.InvalidOperationException
            .With.Message.EqualTo("Call c1: no user 'alice' to patch; nothing was committed."));
        Assert.That(server.Commands.Select(Describe), Is.EqualTo(new[] { "update:videocalls", "insert:transactions", "update:users", "abortTransaction" }));
    }

    [Test]
    public void A_transient_server_error_is_unavailable()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "update" ? Error(91, "The server is in quiesce mode and will shut down") : Default(c));
        using var store = Open(server);

        Assert.That(() => store.CommitAsync(Settle(), CancellationToken.None), Throws.TypeOf<CallStoreUnavailableException>()
            .With.Message.EqualTo("MongoDB is unavailable: The server is in quiesce mode and will shut down"));
    }
}
