using System.Collections;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// A BSON array: a document whose keys are "0", "1", …; the keys are not checked, element order is the array order.
/// Also accepted where libmongoc takes an update pipeline.
/// </summary>
internal sealed class BsonArray : IReadOnlyList<BsonValue>
{
    public BsonArray(BsonDocument document)
    {
        Document = document;
    }

    public static BsonArray Empty { get; } = new(BsonDocument.Empty);

    /// <summary>The array as its underlying document (same bytes).</summary>
    public BsonDocument Document { get; }

    public int Count => Document.Count;

    public BsonValue this[int index] => Document[index].Value;

    public IEnumerator<BsonValue> GetEnumerator()
    {
        foreach (var element in Document)
        {
            yield return element.Value;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
