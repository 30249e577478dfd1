using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>A failure that trying again will not fix (invalid arguments, rejected writes, authentication, …).</summary>
internal class MongoPermanentException(MongoErrorDomain domain, uint code, string message, IReadOnlyList<string> labels, BsonDocument? reply)
    : MongoException(domain, code, message, labels, reply);
