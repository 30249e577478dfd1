using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A failure that may go away if the operation is tried again: no server selectable in time, network or socket
/// errors and timeouts, a client pool wait timeout, NotWritablePrimary-family server codes, and any error labelled
/// RetryableWriteError or TransientTransactionError.
/// </summary>
internal sealed class MongoTransientException(MongoErrorDomain domain, uint code, string message, IReadOnlyList<string> labels, BsonDocument? reply)
    : MongoException(domain, code, message, labels, reply);
