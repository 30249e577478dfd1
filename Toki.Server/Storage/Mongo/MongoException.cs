using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A libmongoc failure: the <c>bson_error_t</c> domain, code and message, the reply's error labels, and the reply
/// itself when there was one. Catch <see cref="MongoTransientException"/> to retry and
/// <see cref="MongoPermanentException"/> (or its specific subclasses) for everything else.
/// </summary>
internal abstract class MongoException : Exception
{
    protected MongoException(MongoErrorDomain domain, uint code, string message, IReadOnlyList<string> labels, BsonDocument? reply)
        : base(message)
    {
        Domain = domain;
        Code = code;
        Labels = labels;
        Reply = reply;
    }

    public MongoErrorDomain Domain { get; }

    public uint Code { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>The server or libmongoc reply document, when the failing call produced a non-empty one.</summary>
    public BsonDocument? Reply { get; }

    public bool HasLabel(string label) => Labels.Contains(label, StringComparer.Ordinal);
}
