using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;
using Toki.Server.Storage.Mongo.Store;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>
/// The mongo-init scripts run by the real mongosh (from the Node test drivers) against <see cref="FakeMongoServer"/>,
/// as docker-compose.yml's mongo-init service runs them: the commands they send, down to the BSON types.
/// </summary>
internal sealed class MongoInitScriptTests
{
    private static readonly string[] Scripts = ["01-replica-set.js", "02-collections.js", "03-demo-users.js"];

    /// <summary>The commands the scripts send (mongosh's own startup chatter left out).</summary>
    private static readonly HashSet<string> ScriptCommands =
        ["replSetGetStatus", "replSetInitiate", "listCollections", "create", "collMod", "createIndexes", "update"];

    private static async Task<(ProcessRunner.Result Result, IReadOnlyList<BsonDocument> Commands)> RunAsync(
        MongoshFake fake, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var server = new FakeMongoServer(fake.Answer);
        var mongosh = Path.Combine(RepositoryPaths.NodeDrivers, "node_modules", "mongosh", "bin", "mongosh.js");
        var result = await ProcessRunner.RunAsync("node",
            [mongosh, "--norc", "--quiet", $"mongodb://127.0.0.1:{server.Port}/?directConnection=true", .. Scripts.Select(s => Path.Combine(MongoInitFiles.Folder, s))],
            TimeSpan.FromSeconds(60), environment) ?? throw new InvalidOperationException("node is not installed");
        return (result, server.Commands.Where(c => ScriptCommands.Contains(c[0].Name)).ToList());
    }

    private static string Describe(BsonDocument command) => FakeStoreReplies.Describe(command).Replace("replSetInitiate:", "replSetInitiate");

    [Test]
    public async Task On_a_new_server_they_initiate_the_set_create_the_collections_with_validators_and_indexes_and_add_the_demo_users()
    {
        var (result, commands) = await RunAsync(new MongoshFake(replSet: true, initiated: false));

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(commands.Select(Describe), Is.EqualTo(new[]
        {
            "replSetGetStatus", "replSetInitiate", "listCollections",
            "create:videocalls", "createIndexes:videocalls", "create:users", "create:transactions", "createIndexes:transactions",
            "update:users", "update:users",
        }));
        using var file = MongoInitFiles.Collections();
        Assert.Multiple(() =>
        {
            Assert.That(NativeBson.ToCanonicalExtendedJson(commands[1].GetDocument("replSetInitiate")),
                Is.EqualTo("""{ "_id" : "rs0", "members" : [ { "_id" : { "$numberInt" : "0" }, "host" : "mongo:27017" } ] }"""));
            foreach (var create in commands.Where(c => c[0].Name == "create"))
            {
                var name = create.GetString("create");
                Assert.That(create.GetString("$db"), Is.EqualTo("toki"));
                Assert.That(create.GetDocument("validator").ToArray(), Is.EqualTo(Validator(file, name).ToArray()), $"{name} validator");
                Assert.That(create.GetString("validationLevel"), Is.EqualTo("strict"));
                Assert.That(create.GetString("validationAction"), Is.EqualTo("error"));
            }
            foreach (var createIndexes in commands.Where(c => c[0].Name == "createIndexes"))
            {
                var name = createIndexes.GetString("createIndexes");
                Assert.That(createIndexes.GetArray("indexes").Select(i => i.AsDocument.ToArray()),
                    Is.EqualTo(MongoStoreIndexes.All.Single(c => c.Collection == name).Indexes.Select(i => Doc(i.WriteTo).ToArray())),
                    $"{name}: byte for byte the indexes the store creates");
            }
        });
        Assert.That(result.StandardOutput, Does.Contain("replica set: initiated rs0 with member mongo:27017"));
    }

    [Test]
    public async Task The_demo_users_are_inserted_only_if_missing_exactly_as_the_store_writes_users()
    {
        var (result, commands) = await RunAsync(new MongoshFake(replSet: true, initiated: true));

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        var updates = commands.Where(c => c[0].Name == "update").Select(c => c.GetArray("updates").Single().AsDocument).ToList();
        Assert.That(updates.Select(u => UpsertedDocument(u).ToArray()), Is.EqualTo(new[]
        {
            MongoUserDocument.ToDocument(new UserRecord { Id = "alice", Name = "Alice", Coins = 500 }).ToArray(),
            MongoUserDocument.ToDocument(new UserRecord { Id = "bob", Name = "Bob", Coins = 500 }).ToArray(),
        }));
        Assert.That(updates.Select(u => u.GetBoolean("upsert")), Has.All.True);
        Assert.That(updates.Select(u => u.GetDocument("u")[0].Name), Has.All.EqualTo("$setOnInsert"), "an existing user is never changed");
    }

    [Test]
    public async Task Run_again_they_leave_the_set_alone_and_update_the_validators_in_place()
    {
        var (result, commands) = await RunAsync(new MongoshFake(replSet: true, initiated: true, "users", "videocalls", "transactions"));

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(commands.Select(Describe), Is.EqualTo(new[]
        {
            "replSetGetStatus", "listCollections",
            "collMod:videocalls", "createIndexes:videocalls", "collMod:users", "collMod:transactions", "createIndexes:transactions",
            "update:users", "update:users",
        }));
        Assert.That(result.StandardOutput, Does.Contain("replica set: rs0 was already initiated"));
    }

    [Test]
    public async Task On_a_server_without_replSet_nothing_is_initiated_and_the_database_can_be_chosen()
    {
        var (result, commands) = await RunAsync(new MongoshFake(replSet: false, initiated: false),
            new Dictionary<string, string> { ["TOKI_DATABASE"] = "calls" });

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(commands.Select(c => c[0].Name), Does.Not.Contain("replSetGetStatus").And.Not.Contain("replSetInitiate"));
        Assert.That(commands.Where(c => c[0].Name is "create" or "createIndexes" or "update").Select(c => c.GetString("$db")), Has.All.EqualTo("calls"));
    }

    [Test]
    public async Task A_refused_command_fails_the_run()
    {
        var (result, commands) = await RunAsync(new MongoshFake(replSet: true, initiated: true)
        {
            Override = c => c[0].Name == "create" ? Doc(b => b.Add("ok", 0.0).Add("errmsg", "not authorized on toki").Add("code", 13)) : null,
        });

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StandardError + result.StandardOutput, Does.Contain("not authorized on toki"));
        Assert.That(commands.Select(c => c[0].Name), Does.Not.Contain("update"), "the run stops at the first failure");
    }

    private static BsonDocument Validator(System.Text.Json.JsonDocument file, string collection)
    {
        using var native = NativeBson.FromExtendedJson(file.RootElement.GetProperty(collection).GetProperty("validator").GetRawText());
        return NativeBson.ToDocument(native);
    }

    /// <summary>What an upsert inserts: the filter's _id, then the $setOnInsert fields.</summary>
    private static BsonDocument UpsertedDocument(BsonDocument statement) => Doc(b =>
    {
        b.Add("_id", statement.GetDocument("q")["_id"]);
        foreach (var element in statement.GetDocument("u").GetDocument("$setOnInsert"))
        {
            b.Add(element.Name, element.Value);
        }
    });
}
