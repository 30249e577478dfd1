using Toki.Server.Tests.Infrastructure;
using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Sessions and the transaction retry loop, observed on the wire.</summary>
internal sealed class MongoWireTransactionTests
{
    private static readonly BsonDocument Call = Doc(b => b.Add("_id", "c1"));
    private static readonly BsonDocument Ping = Doc(b => b.Add("ping", 1));

    private static BsonDocument TransientConflict => Doc(b => b
        .Add("ok", 0.0).Add("errmsg", "WriteConflict").Add("code", 112).Add("codeName", "WriteConflict")
        .AddArray("errorLabels", l => l.Add(MongoErrorLabels.TransientTransactionError)));

    private static BsonDocument UnknownCommit(int code) => Doc(b => b
        .Add("ok", 0.0).Add("errmsg", "commit outcome unknown").Add("code", code)
        .AddArray("errorLabels", l => l.Add(MongoErrorLabels.UnknownTransactionCommitResult)));

    [Test]
    public void A_transaction_reads_and_commits_with_majority_concerns_on_one_session()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? FakeMongoServer.Ok(b => b.Add("n", 1)) : null);
        using var connection = server.Connect();
        var calls = connection.GetCollection("toki", "calls");

        var result = connection.WithTransaction(session =>
        {
            calls.InsertOne(Call, session);
            calls.InsertOne(Doc(b => b.Add("_id", "c2")), session);
            return "done";
        });

        var inserts = server.CommandsNamed("insert");
        var commit = server.CommandsNamed("commitTransaction").Single();
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo("done"));
            Assert.That(inserts, Has.Count.EqualTo(2));
            Assert.That(inserts[0].GetBoolean("startTransaction"), Is.True);
            Assert.That(inserts[0].GetDocument("readConcern").GetString("level"), Is.EqualTo("majority"));
            Assert.That(inserts[1].Contains("startTransaction"), Is.False);
            Assert.That(inserts.Select(i => i.GetBoolean("autocommit")), Has.All.False);
            Assert.That(commit.GetDocument("writeConcern").GetString("w"), Is.EqualTo("majority"));
            Assert.That(commit.GetString("$db"), Is.EqualTo("admin"));
            Assert.That(
                new[] { inserts[0], inserts[1], commit }.Select(c => Convert.ToHexString(c.GetDocument("lsid").ToArray())).Distinct().Count(),
                Is.EqualTo(1));
            Assert.That(new[] { inserts[1], commit }.Select(c => c.GetInt64("txnNumber")), Has.All.EqualTo(inserts[0].GetInt64("txnNumber")));
            Assert.That(server.CommandsNamed("abortTransaction"), Is.Empty);
        });
    }

    private static IEnumerable<TestCaseData> SessionOperations()
    {
        TestCaseData Case(string name, Action<MongoConnection, MongoSession> operation) =>
            new TestCaseData(operation).SetArgDisplayNames(name);
        MongoCollection Calls(MongoConnection c) => c.GetCollection("toki", "calls");
        var set = Doc(b => b.AddDocument("$set", s => s.Add("x", 1)));

        yield return Case("Insert", (c, s) => Calls(c).InsertOne(Call, s));
        yield return Case("Find", (c, s) => Calls(c).Find(Call, session: s));
        yield return Case("FindOneAndUpdate", (c, s) => Calls(c).FindOneAndUpdate(Call, set, session: s));
        yield return Case("UpdateOne", (c, s) => Calls(c).UpdateOne(Call, set, session: s));
        yield return Case("UpdateMany", (c, s) => Calls(c).UpdateMany(Call, set, session: s));
        yield return Case("DeleteOne", (c, s) => Calls(c).DeleteOne(Call, s));
        yield return Case("DeleteMany", (c, s) => Calls(c).DeleteMany(Call, s));
        yield return Case("RunCommand", (c, s) => c.RunCommand("toki", Doc(b => b.Add("count", "calls")), session: s));
        yield return Case("RunWriteCommand", (c, s) => c.RunWriteCommand("toki", Doc(b => b.Add("create", "more")), session: s));
    }

    [TestCaseSource(nameof(SessionOperations))]
    public void Every_operation_given_the_session_runs_in_its_transaction(Action<MongoConnection, MongoSession> operation)
    {
        using var server = new FakeMongoServer(c => c[0].Name switch
        {
            "find" => FakeMongoServer.Ok(b => b.AddDocument("cursor", k => k.Add("id", 0L).Add("ns", "toki.calls").AddArray("firstBatch", _ => { }))),
            "findAndModify" => FakeMongoServer.Ok(b => b.AddNull("value")),
            "insert" or "update" or "delete" => FakeMongoServer.Ok(b => b.Add("n", 0).Add("nModified", 0)),
            _ => null,
        });
        using var connection = server.Connect();

        connection.WithTransaction(session =>
        {
            operation(connection, session);
            return 0;
        });

        var commands = server.Commands;
        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(c => c[0].Name).Last(), Is.EqualTo("commitTransaction"));
            Assert.That(commands[0].GetBoolean("startTransaction"), Is.True);
            Assert.That(commands.Select(c => c.GetBoolean("autocommit")), Has.All.False);
            Assert.That(commands.Select(c => c.GetInt64("txnNumber")).Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_transient_transaction_error_aborts_and_reruns_the_whole_transaction()
    {
        var inserts = 0;
        using var server = new FakeMongoServer(c => c[0].Name == "insert"
            ? Interlocked.Increment(ref inserts) == 1 ? TransientConflict : FakeMongoServer.Ok(b => b.Add("n", 1))
            : null);
        using var connection = server.Connect();
        var attempts = 0;

        connection.WithTransaction(session =>
        {
            attempts++;
            connection.GetCollection("toki", "calls").InsertOne(Call, session);
            return attempts;
        });

        var sent = server.CommandsNamed("insert");
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(2));
            Assert.That(server.CommandsNamed("abortTransaction"), Has.Count.EqualTo(1));
            Assert.That(server.CommandsNamed("commitTransaction"), Has.Count.EqualTo(1));
            Assert.That(sent.Select(i => i.GetBoolean("startTransaction")), Has.All.True);
            Assert.That(sent[1].GetInt64("txnNumber"), Is.GreaterThan(sent[0].GetInt64("txnNumber")));
        });
    }

    [Test]
    public void An_unknown_commit_result_is_committed_again_until_it_succeeds()
    {
        var commits = 0;
        using var server = new FakeMongoServer(c => c[0].Name == "commitTransaction"
            ? Interlocked.Increment(ref commits) <= 2 ? UnknownCommit(11601) : null
            : null);
        using var connection = server.Connect();

        connection.WithTransaction(session =>
        {
            connection.GetCollection("toki", "calls").InsertOne(Call, session);
            return 0;
        });

        Assert.Multiple(() =>
        {
            Assert.That(server.CommandsNamed("commitTransaction"), Has.Count.EqualTo(3));
            Assert.That(server.CommandsNamed("abortTransaction"), Is.Empty);
        });
    }

    [Test]
    public void An_unknown_commit_result_from_MaxTimeMSExpired_is_not_retried()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "commitTransaction" ? UnknownCommit(50) : null);
        using var connection = server.Connect();

        var exception = Assert.Throws<MongoTransientException>(() => connection.WithTransaction(session =>
        {
            connection.GetCollection("toki", "calls").InsertOne(Call, session);
            return 0;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Code, Is.EqualTo(50));
            Assert.That(exception.HasLabel(MongoErrorLabels.UnknownTransactionCommitResult), Is.True);
            Assert.That(server.CommandsNamed("commitTransaction"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Transient_errors_stop_being_retried_once_the_time_limit_has_passed()
    {
        var clock = new ManualTimeProvider();
        using var server = new FakeMongoServer(c =>
        {
            if (c[0].Name != "insert")
            {
                return null;
            }

            clock.Advance(TimeSpan.FromSeconds(50));
            return TransientConflict;
        });
        using var connection = MongoConnection.Open(new MongoConnectionSettings(server.Uri(), "toki-tests")
        {
            TimeProvider = clock,
            TransactionRetryTimeLimit = TimeSpan.FromSeconds(120),
        });
        var attempts = 0;

        var exception = Assert.Throws<MongoTransientException>(() => connection.WithTransaction(session =>
        {
            attempts++;
            connection.GetCollection("toki", "calls").InsertOne(Call, session);
            return 0;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(3));
            Assert.That(exception!.HasLabel(MongoErrorLabels.TransientTransactionError), Is.True);
            Assert.That(server.CommandsNamed("commitTransaction"), Is.Empty);
        });
    }

    [Test]
    public void A_body_failure_aborts_and_propagates_without_commit()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? FakeMongoServer.Ok(b => b.Add("n", 1)) : null);
        using var connection = server.Connect();

        Assert.That(
            () => connection.WithTransaction<int>(session =>
            {
                connection.GetCollection("toki", "calls").InsertOne(Call, session);
                throw new InvalidOperationException("store rule violated");
            }),
            Throws.InvalidOperationException.With.Message.EqualTo("store rule violated"));

        Assert.Multiple(() =>
        {
            Assert.That(server.CommandsNamed("abortTransaction"), Has.Count.EqualTo(1));
            Assert.That(server.CommandsNamed("commitTransaction"), Is.Empty);
        });
    }

    [Test]
    public void Explicit_transactions_abort_and_commit_on_request()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? FakeMongoServer.Ok(b => b.Add("n", 1)) : null);
        using var connection = server.Connect();
        var calls = connection.GetCollection("toki", "calls");
        using var session = connection.StartSession();

        session.StartTransaction();
        calls.InsertOne(Call, session);
        Assert.That(session.InTransaction, Is.True);
        session.AbortTransaction();
        session.StartTransaction();
        calls.InsertOne(Call, session);
        session.CommitTransaction();

        Assert.Multiple(() =>
        {
            Assert.That(session.InTransaction, Is.False);
            Assert.That(server.Commands.Select(c => c[0].Name), Is.EqualTo(new[] { "insert", "abortTransaction", "insert", "commitTransaction" }));
        });
    }

    [Test]
    public void A_session_refuses_overlapping_operations()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var server = new FakeMongoServer(c =>
        {
            if (c[0].Name == "ping")
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }

            return null;
        });
        using var connection = server.Connect();
        using var session = connection.StartSession();

        var first = Task.Run(() => connection.RunCommand("admin", Ping, session: session));
        Assert.That(entered.Wait(TimeSpan.FromSeconds(10)), Is.True);
        var overlapping = Assert.Throws<InvalidOperationException>(() => connection.RunCommand("admin", Ping, session: session));
        release.Set();

        Assert.Multiple(() =>
        {
            Assert.That(overlapping!.Message, Does.Contain("not thread-safe"));
            Assert.That(() => first.GetAwaiter().GetResult(), Throws.Nothing);
        });
    }

    [Test]
    public void A_session_cannot_be_used_with_another_connection()
    {
        using var server = new FakeMongoServer();
        using var first = server.Connect();
        using var second = server.Connect();
        using var session = first.StartSession();

        Assert.That(
            () => second.GetCollection("toki", "calls").InsertOne(Call, session),
            Throws.InvalidOperationException.With.Message.Contains("different MongoConnection"));
    }
}
