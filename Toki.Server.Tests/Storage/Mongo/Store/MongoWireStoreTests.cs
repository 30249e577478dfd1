using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Store;
using static Toki.Server.Tests.Storage.Mongo.Store.FakeStoreReplies;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>The store's reads, user operations and ping on the wire, against <see cref="FakeMongoServer"/>.</summary>
internal sealed class MongoWireStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static MongoCallStore Open(FakeMongoServer server, TimeSpan? pingTimeout = null) =>
        new(server.Connect(), "toki", TimeProvider.System, pingTimeout ?? TimeSpan.FromSeconds(5));

    [Test]
    public async Task A_history_page_asks_for_one_more_call_than_the_limit_and_gives_a_cursor_when_it_comes()
    {
        var calls = new[] { Call("c3", "u", "a", CallStatus.Ended, At(3)), Call("c2", "b", "u", CallStatus.Ended, At(2)), Call("c1", "u", "b", CallStatus.Missed, At(1)) };
        using var server = new FakeMongoServer(c => c[0].Name == "find" ? Cursor("videocalls", [.. calls.Select(MongoCallDocument.ToDocument)]) : null);
        using var store = Open(server);
        var before = new CallHistoryCursor(At(9), "c9");

        var page = await store.GetCallHistoryAsync("u", 2, before, None);

        var find = server.CommandsNamed("find").Single();
        Assert.Multiple(() =>
        {
            Assert.That(page.Calls.Select(c => c.Id), Is.EqualTo(new[] { "c3", "c2" }));
            Assert.That(page.Next, Is.EqualTo(new CallHistoryCursor(At(2), "c2")));
            Assert.That(find.GetString("find"), Is.EqualTo("videocalls"));
            Assert.That(find.GetDocument("filter").ToArray(), Is.EqualTo(MongoStoreQueries.History("u", before).ToArray()));
            Assert.That(find.GetDocument("sort").ToArray(), Is.EqualTo(MongoStoreQueries.NewestFirst.ToArray()));
            Assert.That(find.GetInt64("limit"), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_history_page_that_is_not_full_has_no_cursor()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "find" ? Cursor("videocalls", MongoCallDocument.ToDocument(Call("c1", "u", "b"))) : null);
        using var store = Open(server);

        var page = await store.GetCallHistoryAsync("u", 2, null, None);

        Assert.That(page.Calls.Select(c => c.Id), Is.EqualTo(new[] { "c1" }));
        Assert.That(page.Next, Is.Null);
    }

    [Test]
    public async Task Live_calls_are_read_oldest_first_through_the_live_filter()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "find" ? Cursor("videocalls", MongoCallDocument.ToDocument(Call("c1", "a", "b"))) : null);
        using var store = Open(server);

        var live = await store.GetLiveCallsAsync(None);

        var find = server.CommandsNamed("find").Single();
        Assert.That(live.Select(c => c.Id), Is.EqualTo(new[] { "c1" }));
        Assert.That(find.GetDocument("filter").ToArray(), Is.EqualTo(MongoStoreQueries.LiveCalls.ToArray()));
        Assert.That(find.GetDocument("sort").ToArray(), Is.EqualTo(MongoStoreQueries.OldestFirst.ToArray()));
    }

    [Test]
    public async Task The_ledger_of_a_call_is_read_by_time_from_transactions()
    {
        var entry = Entry("c1", LedgerKind.Hold, "alice", 30, At(1));
        using var server = new FakeMongoServer(c => c[0].Name == "find" ? Cursor("transactions", MongoLedgerDocument.ToDocument(entry)) : null);
        using var store = Open(server);

        var ledger = await store.GetLedgerAsync("c1", None);

        var find = server.CommandsNamed("find").Single();
        Assert.That(ledger, Is.EqualTo(new[] { entry }));
        Assert.That(find.GetString("find"), Is.EqualTo("transactions"));
        Assert.That(find.GetDocument("sort").ToArray(), Is.EqualTo(MongoStoreQueries.ByTime.ToArray()));
    }

    [Test]
    public async Task Clearing_a_stale_flag_checks_for_a_live_call_and_clears_in_one_transaction()
    {
        using var server = new FakeMongoServer(Default);
        using var store = Open(server);

        await store.ClearOnCallIfIdleAsync("alice", None);

        var commands = server.Commands;
        Assert.That(commands.Select(Describe), Is.EqualTo(new[] { "find:videocalls", "update:users", "commitTransaction" }));
        Assert.Multiple(() =>
        {
            Assert.That(commands[0].GetDocument("filter").ToArray(), Is.EqualTo(MongoStoreQueries.LiveCallOf("alice").ToArray()));
            Assert.That(commands[1].GetArray("updates").Single().AsDocument.GetDocument("u").ToArray(), Is.EqualTo(MongoStoreQueries.ClearOnCall.ToArray()));
            Assert.That(commands[0].GetBoolean("startTransaction"), Is.True);
        });
    }

    [Test]
    public async Task A_user_with_a_live_call_keeps_the_flag()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "find" ? Cursor("videocalls", MongoCallDocument.ToDocument(Call("c1", "alice", "bob"))) : Default(c));
        using var store = Open(server);

        await store.ClearOnCallIfIdleAsync("alice", None);

        Assert.That(server.Commands.Select(Describe), Is.EqualTo(new[] { "find:videocalls", "commitTransaction" }));
    }

    [Test]
    public async Task Creating_a_user_whose_id_is_taken_answers_false()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "insert" ? DuplicateKey("users", "_id_", "_id", "alice") : null);
        using var store = Open(server);

        Assert.That(await store.CreateUserAsync(User("alice"), None), Is.False);
        Assert.That(server.CommandsNamed("insert").Single().GetArray("documents").Single().AsDocument.ToArray(),
            Is.EqualTo(MongoUserDocument.ToDocument(User("alice")).ToArray()));
    }

    [Test]
    public async Task Setting_coins_returns_the_user_as_updated()
    {
        var updated = User("alice", coins: 7);
        using var server = new FakeMongoServer(c => c[0].Name == "findAndModify"
            ? FakeMongoServer.Ok(b => b.AddDocument("lastErrorObject", l => l.Add("n", 1)).Add("value", MongoUserDocument.ToDocument(updated)))
            : null);
        using var store = Open(server);

        var user = await store.SetCoinsAsync("alice", 7, None);

        var command = server.CommandsNamed("findAndModify").Single();
        Assert.Multiple(() =>
        {
            Assert.That(user, Is.EqualTo(updated));
            Assert.That(command.GetDocument("update").ToArray(), Is.EqualTo(MongoStoreQueries.SetCoins(7).ToArray()));
            Assert.That(command.GetBoolean("new"), Is.True);
        });
    }

    [Test]
    public async Task Ping_answers_true_when_the_server_answers()
    {
        using var server = new FakeMongoServer();
        using var store = Open(server);

        Assert.That(await store.PingAsync(None), Is.True);
    }

    [Test]
    public async Task Ping_answers_false_when_the_server_refuses()
    {
        using var server = new FakeMongoServer(c => c[0].Name == "ping" ? Error(13, "not authorized") : null);
        using var store = Open(server);

        Assert.That(await store.PingAsync(None), Is.False);
    }

    [Test]
    public async Task Ping_answers_false_without_waiting_for_a_server_that_does_not_answer()
    {
        using var release = new ManualResetEventSlim();
        using var server = new FakeMongoServer(c =>
        {
            if (c[0].Name == "ping")
            {
                release.Wait(TimeSpan.FromSeconds(10));
            }
            return null;
        });
        using var store = Open(server, TimeSpan.FromMilliseconds(200));

        var answered = await store.PingAsync(None);
        release.Set();

        Assert.That(answered, Is.False);
    }

    [Test]
    public async Task Ping_answers_false_when_no_server_can_be_selected()
    {
        using var store = new MongoCallStore(
            MongoConnection.Open(new MongoConnectionSettings("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200", "toki-tests")),
            "toki", TimeProvider.System, TimeSpan.FromSeconds(5));

        Assert.That(await store.PingAsync(None), Is.False);
    }

    [Test]
    public void Reads_fail_as_unavailable_when_no_server_can_be_selected()
    {
        using var store = new MongoCallStore(
            MongoConnection.Open(new MongoConnectionSettings("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200", "toki-tests")),
            "toki", TimeProvider.System, TimeSpan.FromSeconds(5));

        Assert.That(() => store.GetUserAsync("alice", None), Throws.TypeOf<CallStoreUnavailableException>()
            .With.Message.StartsWith("MongoDB is unavailable: No suitable servers found"));
    }
}
