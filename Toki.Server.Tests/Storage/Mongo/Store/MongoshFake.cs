using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>
/// Answers what the mongo-init scripts ask a server, as a MongoDB 7 member would: whether it runs with --replSet,
/// whether the set is initiated, which collections exist; every write is acknowledged, an upsert as inserting.
/// </summary>
internal sealed class MongoshFake(bool replSet, bool initiated, params string[] collections)
{
    public Func<BsonDocument, BsonDocument?>? Override { get; init; }

    public BsonDocument? Answer(BsonDocument command)
    {
        if (Override?.Invoke(command) is { } answer)
        {
            return answer;
        }
        return command[0].Name switch
        {
            "getCmdLineOpts" => FakeMongoServer.Ok(b => b.AddDocument("parsed", parsed =>
            {
                if (replSet)
                {
                    parsed.AddDocument("replication", replication => replication.Add("replSet", "rs0"));
                }
                parsed.AddDocument("net", net => net.Add("bindIpAll", true));
            })),
            "replSetGetStatus" when !initiated => Doc(b => b.Add("ok", 0.0).Add("errmsg", "no replset config has been received")
                .Add("code", 94).Add("codeName", "NotYetInitialized")),
            "replSetGetStatus" => FakeMongoServer.Ok(b => b.Add("set", "rs0").Add("myState", 1)),
            "listCollections" => FakeMongoServer.Ok(b => b.AddDocument("cursor", cursor => cursor
                .Add("id", 0L).Add("ns", $"{command.GetString("$db")}.$cmd.listCollections")
                .AddArray("firstBatch", batch =>
                {
                    foreach (var name in collections)
                    {
                        batch.AddDocument(c => c.Add("name", name).Add("type", "collection"));
                    }
                }))),
            "update" => FakeMongoServer.Ok(b => b.Add("n", 1).Add("nModified", 0).AddArray("upserted", upserted => upserted
                .AddDocument(u => u.Add("index", 0).Add("_id", command.GetArray("updates")[0].AsDocument.GetDocument("q")["_id"])))),
            _ => null,
        };
    }
}
