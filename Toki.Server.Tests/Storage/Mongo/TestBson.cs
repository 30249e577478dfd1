using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace Toki.Server.Tests.Storage.Mongo;

internal static class TestBson
{
    /// <summary>Canonical extended JSON, every type spelled out (<c>{ "$numberLong" : "7" }</c>), as the server's documents are compared.</summary>
    public static string Json(BsonDocument document) =>
        document.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson });

    /// <summary>What a server would hand back: the document written to BSON bytes and read again.</summary>
    public static BsonDocument ThroughBytes(BsonDocument document) => BsonSerializer.Deserialize<BsonDocument>(document.ToBson());

    /// <summary>A copy with <paramref name="field"/> set to <paramref name="value"/> (in place when present, else appended), or removed when null.</summary>
    public static BsonDocument With(BsonDocument document, string field, BsonValue? value)
    {
        var copy = document.DeepClone().AsBsonDocument;
        if (value is null)
        {
            copy.Remove(field);
        }
        else
        {
            copy[field] = value;
        }
        return copy;
    }
}
