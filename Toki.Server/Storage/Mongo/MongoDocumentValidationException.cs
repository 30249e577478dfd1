using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>Server code 121: the document failed the collection's validator. <see cref="Details"/> is the server's <c>errInfo</c>.</summary>
internal sealed class MongoDocumentValidationException(
    MongoErrorDomain domain, uint code, string message, IReadOnlyList<string> labels, BsonDocument? reply, BsonDocument? details)
    : MongoPermanentException(domain, code, message, labels, reply)
{
    public BsonDocument? Details { get; } = details;
}
