using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// E11000: a write violated a unique index. <see cref="IndexName"/> is taken from the server's message
/// ("… index: name_1 dup key: …"); <see cref="KeyPattern"/> and <see cref="KeyValue"/> come from the reply when the
/// server sent them (MongoDB 4.2+ does).
/// </summary>
internal sealed class MongoDuplicateKeyException(
    MongoErrorDomain domain,
    uint code,
    string message,
    IReadOnlyList<string> labels,
    BsonDocument? reply,
    string? indexName,
    BsonDocument? keyPattern,
    BsonDocument? keyValue)
    : MongoPermanentException(domain, code, message, labels, reply)
{
    public string? IndexName { get; } = indexName;

    public BsonDocument? KeyPattern { get; } = keyPattern;

    public BsonDocument? KeyValue { get; } = keyValue;
}
