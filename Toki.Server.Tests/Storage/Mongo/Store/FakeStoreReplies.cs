using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>Server replies for <see cref="FakeMongoServer"/> shaped as MongoDB sends them to the store's commands.</summary>
internal static class FakeStoreReplies
{
    /// <summary>"update videocalls" → "update:videocalls": the command and the collection it names.</summary>
    public static string Describe(BsonDocument command) =>
        command[0].Value.Type == BsonType.String ? $"{command[0].Name}:{command[0].Value.AsString}" : command[0].Name;

    public static BsonDocument Cursor(string collection, params BsonDocument[] documents) =>
        FakeMongoServer.Ok(b => b.AddDocument("cursor", cursor => cursor
            .Add("id", 0L).Add("ns", $"toki.{collection}").AddArray("firstBatch", batch =>
            {
                foreach (var document in documents)
                {
                    batch.Add(document);
                }
            })));

    public static BsonDocument Inserted { get; } = FakeMongoServer.Ok(b => b.Add("n", 1));

    public static BsonDocument Updated(int matched) => FakeMongoServer.Ok(b => b.Add("n", matched).Add("nModified", matched));

    /// <summary>A write error E11000 as MongoDB 4.2+ reports it, with keyPattern and keyValue.</summary>
    public static BsonDocument DuplicateKey(string collection, string index, string field, string value) =>
        FakeMongoServer.Ok(b => b.Add("n", 0).AddArray("writeErrors", errors => errors.AddDocument(error => error
            .Add("index", 0)
            .Add("code", 11000)
            .Add("errmsg", $"E11000 duplicate key error collection: toki.{collection} index: {index} dup key: {{ {field}: \"{value}\" }}")
            .AddDocument("keyPattern", key => key.Add(field, 1))
            .AddDocument("keyValue", key => key.Add(field, value)))));

    /// <summary>The default answers: no documents found, every insert and update applied to one document.</summary>
    public static BsonDocument? Default(BsonDocument command) => command[0].Name switch
    {
        "find" => Cursor(command[0].Value.AsString),
        "insert" => Inserted,
        "update" => Updated(1),
        _ => null,
    };

    public static BsonDocument Error(int code, string message) =>
        Doc(b => b.Add("ok", 0.0).Add("errmsg", message).Add("code", code));
}
