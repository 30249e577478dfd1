using System.Net;
using System.Reflection;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The driver's exceptions as it throws them for the server replies the store must handle (the replies as the server
/// documentation gives them). <see cref="WriteError"/> and <see cref="WriteConcernError"/> have no public constructor;
/// they are built through their internal one, with the arguments the driver's bulk-write result parser passes.
/// </summary>
internal static class DriverErrors
{
    public static ConnectionId Connection { get; } = new(new ServerId(new ClusterId(1), new DnsEndPoint("db1", 27017)));

    public static MongoWriteException DuplicateKeyWrite(string index, string key) =>
        new(Connection, WriteError(ServerErrorCategory.DuplicateKey, 11000,
            $"E11000 duplicate key error collection: toki.videocalls index: {index} dup key: {{ {key} }}"), null, null);

    public static MongoCommandException DuplicateKeyCommand(string index) =>
        new(Connection, "Command createIndexes failed: Index build failed.", new BsonDocument("createIndexes", "videocalls"), new BsonDocument
        {
            { "ok", 0.0 },
            { "errmsg", $"Index build failed: 9f6c: Collection toki.videocalls ( 1c2d ) :: caused by :: E11000 duplicate key error collection: toki.videocalls index: {index} dup key: {{ participants: \"bob\" }}" },
            { "code", 11000 },
            { "codeName", "DuplicateKey" },
        });

    /// <summary>The legacy getLastError mapping: a duplicate key the driver types as a write-concern exception.</summary>
    public static MongoDuplicateKeyException LegacyDuplicateKey()
    {
        const string Error = "E11000 duplicate key error collection: toki.users index: _id_ dup key: { _id: \"alice\" }";
        var response = new BsonDocument { { "ok", 1.0 }, { "err", Error }, { "code", 11000 } };
        return new(Connection, $"WriteConcern detected an error '{Error}'. (Response was {response.ToJson()}).", new WriteConcernResult(response));
    }

    /// <summary>A write-concern timeout on a command (findAndModify, commitTransaction): applied on the primary, not confirmed by a majority.</summary>
    public static MongoWriteConcernException WriteConcernTimeout(params string[] labels)
    {
        var reply = new BsonDocument
        {
            { "ok", 1.0 },
            { "writeConcernError", new BsonDocument
                {
                    { "code", 64 }, { "codeName", "WriteConcernFailed" }, { "errmsg", "waiting for replication timed out" },
                    { "errInfo", new BsonDocument { { "wtimeout", true }, { "writeConcern", new BsonDocument { { "w", "majority" }, { "wtimeout", 10000 } } } } },
                }
            },
        };
        var exception = new MongoWriteConcernException(Connection, "waiting for replication timed out", new WriteConcernResult(reply));
        foreach (var label in labels)
        {
            exception.AddErrorLabel(label);
        }
        return exception;
    }

    /// <summary>The same on a CRUD write (insertOne, updateOne): the write concern error rides on the write exception.</summary>
    public static MongoWriteException WriteConcernTimeoutOnWrite() =>
        new(Connection, null, WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument("wtimeout", true)), null);

    public static MongoWriteException ValidationFailure() =>
        new(Connection, WriteError(ServerErrorCategory.Uncategorized, 121, "Document failed validation",
            BsonDocument.Parse("""{ "failingDocumentId": "alice", "details": { "operatorName": "$jsonSchema" } }""")), null, null);

    /// <summary>What the driver throws when no server could be selected in serverSelectionTimeoutMS.</summary>
    public static TimeoutException ServerSelectionTimeout() =>
        new("A timeout occurred after 300ms selecting a server using CompositeServerSelector{ Selectors = WritableServerSelector }.");

    public static MongoConnectionException ConnectionLost(params string[] labels)
    {
        var exception = new MongoConnectionException(Connection, "An exception occurred while receiving a message from the server.");
        foreach (var label in labels)
        {
            exception.AddErrorLabel(label);
        }
        return exception;
    }

    public static MongoCommandException Command(int code, string codeName, params string[] labels)
    {
        var exception = new MongoCommandException(Connection, $"Command failed: {codeName}.", new BsonDocument("insert", "users"),
            new BsonDocument { { "ok", 0.0 }, { "errmsg", codeName }, { "code", code }, { "codeName", codeName } });
        foreach (var label in labels)
        {
            exception.AddErrorLabel(label);
        }
        return exception;
    }

    public static MongoNotPrimaryException NotPrimary() =>
        new(Connection, new BsonDocument("insert", "users"), new BsonDocument { { "ok", 0.0 }, { "errmsg", "not primary" }, { "code", 10107 } });

    private static WriteError WriteError(ServerErrorCategory category, int code, string message, BsonDocument? details = null) =>
        (WriteError)typeof(WriteError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single()
            .Invoke([category, code, message, details]);

    private static WriteConcernError WriteConcernError(int code, string codeName, string message, BsonDocument details) =>
        (WriteConcernError)typeof(WriteConcernError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single()
            .Invoke([code, codeName, message, details, Array.Empty<string>()]);
}
