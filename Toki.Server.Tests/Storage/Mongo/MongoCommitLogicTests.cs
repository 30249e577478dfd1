using MongoDB.Bson;
using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using static Toki.Server.Tests.Storage.Mongo.TestBson;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// What a commit sends and how it reads each answer, against <see cref="FakeMongo"/>: the order of the operations, all
/// in one majority transaction; refusals that abort it; a commit that already landed recognised by its stored call;
/// the outcome of each failure of the driver's <c>WithTransactionAsync</c>.
/// </summary>
[Category(TestCategories.Unit)]
internal sealed class MongoCommitLogicTests
{
    private static readonly CallRecord Pending = Call("c1", "alice", "bob");
    private static readonly CallRecord Accepted = Pending with { Status = CallStatus.Accepted, HoldCoins = 30, Version = 2 };

    private static readonly CallCommit Accept = new(Accepted, 1, [Entry("c1", LedgerKind.Hold, "alice", 30, At(1))],
        [new UserPatch("alice", "c1", CoinsDelta: -30, HeldDelta: 30), new UserPatch("bob", "c1", OnCall: false)]);

    private static readonly CallCommit Create = new(Pending, null, [],
        [new UserPatch("alice", "c1", OnCall: true), new UserPatch("bob", "c1", OnCall: true)]);

    private static MongoCallStore Store(FakeMongo fake) => new(fake.Client, "toki", TimeProvider.System, TimeSpan.FromSeconds(5));

    private static string Doc(CallRecord call) => Json(MongoCallDocument.ToDocument(call));

    [Test]
    public async Task An_update_is_one_majority_transaction_with_the_compare_and_set_first()
    {
        var fake = new FakeMongo();

        var outcome = await Store(fake).CommitAsync(Accept, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed));
        Assert.That(fake.Log, Is.EqualTo(new[]
        {
            "startTransaction",
            $$"""replace videocalls { "_id" : "c1", "version" : { "$numberLong" : "1" } } {{Doc(Accepted)}} (txn)""",
            $"insert transactions {Json(MongoLedgerDocument.ToDocument(Accept.Ledger[0]))} (txn)",
            $$"""update users { "_id" : "alice" } {{Json(MongoStoreQueries.PatchUser(Accept.Users[0]))}} (txn)""",
            $$"""update users { "_id" : "bob" } {{Json(MongoStoreQueries.PatchUser(Accept.Users[1]))}} (txn)""",
            $$"""update users { "_id" : "bob", "currentCallId" : "c1" } { "$set" : { "isOnCall" : false, "currentCallId" : null } } (txn)""",
            "commitTransaction",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(fake.TransactionOptions!.ReadConcern, Is.EqualTo(ReadConcern.Majority));
            Assert.That(fake.TransactionOptions.WriteConcern, Is.EqualTo(new WriteConcern("majority", wTimeout: TimeSpan.FromSeconds(10))));
            Assert.That(fake.TransactionOptions.ReadPreference, Is.EqualTo(ReadPreference.Primary));
        });
    }

    private static IEnumerable<TestCaseData> StoredWhenTheVersionMovedOn()
    {
        yield return new TestCaseData(null, CommitOutcome.VersionConflict).SetName("no such call: a conflict");
        yield return new TestCaseData(Accepted with { Status = CallStatus.Cancelled }, CommitOutcome.VersionConflict).SetName("another commit's call: a conflict");
        yield return new TestCaseData(Accepted, CommitOutcome.AlreadyStored).SetName("exactly this commit's call: it had landed, committed again");
    }

    [TestCaseSource(nameof(StoredWhenTheVersionMovedOn))]
    public async Task When_the_compare_and_set_misses_the_stored_call_decides_and_nothing_is_written(CallRecord? stored, CommitOutcome expected)
    {
        var fake = new FakeMongo
        {
            Answer = op => op.Name switch
            {
                "replace" => new ReplaceOneResult.Acknowledged(0, 0, null),
                "find" => stored is null ? Array.Empty<BsonDocument>() : new[] { MongoCallDocument.ToDocument(stored) },
                _ => (object?)null,
            },
        };

        var outcome = await Store(fake).CommitAsync(Accept, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(expected));
        Assert.That(fake.Log.Select(line => line.Split(' ')[0]), Is.EqualTo(new[] { "startTransaction", "replace", "find", "abortTransaction" }));
        Assert.That(fake.Log[2], Is.EqualTo("""find videocalls { "_id" : "c1" } [limit: 1] (txn)"""));
    }

    [Test]
    public async Task A_new_call_checks_its_id_then_the_caller_then_the_callee_then_inserts_and_claims_both()
    {
        var fake = new FakeMongo();

        var outcome = await Store(fake).CommitAsync(Create, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Committed));
        Assert.That(fake.Log, Is.EqualTo(new[]
        {
            "startTransaction",
            """find videocalls { "_id" : "c1" } [limit: 1] (txn)""",
            """find videocalls { "participants" : "alice", "live" : true } [limit: 1] (txn)""",
            """find videocalls { "participants" : "bob", "live" : true } [limit: 1] (txn)""",
            $"insert videocalls {Doc(Pending)} (txn)",
            $$"""update users { "_id" : "alice" } {{Json(MongoStoreQueries.PatchUser(Create.Users[0]))}} (txn)""",
            $$"""update users { "_id" : "bob" } {{Json(MongoStoreQueries.PatchUser(Create.Users[1]))}} (txn)""",
            "commitTransaction",
        }));
    }

    [Test]
    public async Task A_create_that_already_landed_is_committed_again_without_the_busy_check()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "find" ? new[] { MongoCallDocument.ToDocument(Pending) } : null };

        var outcome = await Store(fake).CommitAsync(Create, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.AlreadyStored));
        Assert.That(fake.Log.Select(line => line.Split(' ')[0]), Is.EqualTo(new[] { "startTransaction", "find", "abortTransaction" }));
    }

    [Test]
    public async Task A_live_call_of_the_callee_refuses_the_new_call_naming_the_callee()
    {
        var fake = new FakeMongo
        {
            Answer = op => op.Name == "find" && op.Filter!.Contains("participants") && op.Filter["participants"] == "bob"
                ? new[] { MongoCallDocument.ToDocument(Call("c0", "carol", "bob", CallStatus.Active)) }
                : null,
        };

        var outcome = await Store(fake).CommitAsync(Create, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(CommitOutcome.Busy("bob")));
        Assert.That(fake.Log[^1], Is.EqualTo("abortTransaction"));
        Assert.That(fake.Log, Has.None.StartWith("insert"));
    }

    private static IEnumerable<TestCaseData> InsertDuplicates()
    {
        yield return new TestCaseData("live_by_participant", null, CommitOutcome.Busy("bob"))
            .SetName("the live guard, the caller idle afterwards: the callee is busy");
        yield return new TestCaseData("live_by_participant", "alice", CommitOutcome.Busy("alice"))
            .SetName("the live guard, the caller live afterwards: the caller is busy");
        yield return new TestCaseData("_id_", null, CommitOutcome.VersionConflict).SetName("the id, taken meanwhile: a conflict");
    }

    [TestCaseSource(nameof(InsertDuplicates))]
    public async Task A_duplicate_key_on_the_insert_aborts_and_answers(string index, string? liveAfterwards, CommitOutcome expected)
    {
        var fake = new FakeMongo
        {
            Answer = op => (op.Name, op.InTransaction) switch
            {
                ("insert", _) => throw DriverErrors.DuplicateKeyWrite(index, "participants: \"bob\""),
                ("find", false) when op.Filter!["participants"] == liveAfterwards => new[] { MongoCallDocument.ToDocument(Call("c0", "alice", "dave")) },
                _ => (object?)null,
            },
        };

        var outcome = await Store(fake).CommitAsync(Create, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(expected));
        Assert.That(fake.Log, Has.Member("abortTransaction"));
        Assert.That(fake.Log.Count(line => line.StartsWith("find", StringComparison.Ordinal) && !line.EndsWith("(txn)", StringComparison.Ordinal)),
            Is.EqualTo(index == "_id_" ? 0 : 1), "the busy participant is looked up after the transaction, which the failed insert ended");
    }

    [Test]
    public void A_duplicate_ledger_key_throws_a_bug_and_the_transaction_is_aborted()
    {
        var fake = new FakeMongo
        {
            Answer = op => op is { Name: "insert", Collection: "transactions" } ? throw DriverErrors.DuplicateKeyWrite("_id_", "_id: \"c1:hold\"") : null,
        };

        Assert.That(() => Store(fake).CommitAsync(Accept, CancellationToken.None), Throws.InvalidOperationException.With.Message.EqualTo(
            "Call c1: the ledger already has the step 'c1:hold'; nothing was committed."));
        Assert.That(fake.Log[^1], Is.EqualTo("abortTransaction (driver)"));
    }

    [Test]
    public void A_patch_for_an_unknown_user_throws_a_bug_and_the_transaction_is_aborted()
    {
        var fake = new FakeMongo
        {
            Answer = op => op is { Name: "update" } && op.Filter!["_id"] == "bob" ? new UpdateResult.Acknowledged(0, 0, null) : null,
        };

        Assert.That(() => Store(fake).CommitAsync(Accept, CancellationToken.None), Throws.InvalidOperationException.With.Message.EqualTo(
            "Call c1: no user 'bob' to patch; nothing was committed."));
        Assert.That(fake.Log[^1], Is.EqualTo("abortTransaction (driver)"));
    }

    private static IEnumerable<TestCaseData> CommitFailures()
    {
        yield return new TestCaseData(DriverErrors.WriteConcernTimeout(MongoStoreErrors.UnknownTransactionCommitResult), typeof(CallStoreOutcomeUnknownException))
            .SetName("a write-concern timeout on commit (UnknownTransactionCommitResult): unknown");
        yield return new TestCaseData(DriverErrors.ConnectionLost(MongoStoreErrors.UnknownTransactionCommitResult), typeof(CallStoreOutcomeUnknownException))
            .SetName("the commit's answer lost with the connection: unknown");
        yield return new TestCaseData(DriverErrors.ServerSelectionTimeout(), typeof(CallStoreOutcomeUnknownException))
            .SetName("no server for the commit: unknown, an earlier attempt may have landed");
        yield return new TestCaseData(DriverErrors.Command(251, "NoSuchTransaction", MongoStoreErrors.TransientTransactionError), typeof(CallStoreUnavailableException))
            .SetName("TransientTransactionError on commit, retries spent: not committed, unavailable");
    }

    [TestCaseSource(nameof(CommitFailures))]
    public void A_failed_commit_is_reported_by_what_the_server_can_tell(Exception failure, Type expected)
    {
        var fake = new FakeMongo { CommitFailure = failure };

        Assert.That(() => Store(fake).CommitAsync(Accept, CancellationToken.None), Throws.TypeOf(expected).With.InnerException.SameAs(failure));
    }

    [Test]
    public void No_server_for_an_operation_inside_the_transaction_is_unavailable_since_nothing_was_committed()
    {
        var fake = new FakeMongo { Answer = op => op.Name == "replace" ? throw DriverErrors.ServerSelectionTimeout() : null };

        Assert.That(() => Store(fake).CommitAsync(Accept, CancellationToken.None), Throws.TypeOf<CallStoreUnavailableException>());
    }
}
