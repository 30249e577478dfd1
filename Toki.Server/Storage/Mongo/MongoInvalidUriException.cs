namespace Toki.Server.Storage.Mongo;

/// <summary><c>mongoc_uri_new_with_error</c> rejected the connection string; the message is libmongoc's.</summary>
internal sealed class MongoInvalidUriException(MongoErrorDomain domain, uint code, string message)
    : MongoPermanentException(domain, code, message, [], null);
