using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// An immutable, structurally validated BSON document over its bytes. Lookups by name return the first element with
/// that name. Typed getters follow the no-lossy-conversion rules of <see cref="BsonValue"/>.
/// </summary>
internal sealed class BsonDocument : IReadOnlyList<BsonElement>
{
    /// <summary>MongoDB refuses documents nested deeper than 100 levels; so does this reader.</summary>
    public const int MaxDepth = 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly BsonElement[] elements;

    /// <summary>Wraps bytes already known to be a structurally valid document (a slice of a validated parent).</summary>
    internal BsonDocument(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
        elements = ParseLevel(bytes);
    }

    public static BsonDocument Empty { get; } = new(new byte[] { 5, 0, 0, 0, 0 });

    /// <summary>The complete document, length prefix and terminator included.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public int Count => elements.Length;

    public BsonElement this[int index] => elements[index];

    public BsonValue this[string name] => TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"The BSON document has no field '{name}'.");

    /// <summary>Copies and fully validates (all nesting levels) a document received from elsewhere.</summary>
    public static BsonDocument FromBytes(ReadOnlySpan<byte> bytes) => FromOwnedBytes(bytes.ToArray());

    /// <summary>Validates a document whose buffer the caller hands over and will not modify.</summary>
    internal static BsonDocument FromOwnedBytes(byte[] bytes)
    {
        if (bytes.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(bytes) != bytes.Length)
        {
            throw new BsonFormatException($"The length prefix of a {bytes.Length}-byte BSON document does not match its size.");
        }

        var document = new BsonDocument(bytes);
        document.ValidateNested(1);
        return document;
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out BsonValue value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? elements[index].Value : default;
        return index >= 0;
    }

    public string GetString(string name) => this[name].AsString;

    public int GetInt32(string name) => this[name].AsInt32;

    public long GetInt64(string name) => this[name].AsInt64;

    public double GetDouble(string name) => this[name].AsDouble;

    public bool GetBoolean(string name) => this[name].AsBoolean;

    public DateTimeOffset GetDateTime(string name) => this[name].AsDateTime;

    public BsonDocument GetDocument(string name) => this[name].AsDocument;

    public BsonArray GetArray(string name) => this[name].AsArray;

    public ObjectId GetObjectId(string name) => this[name].AsObjectId;

    public byte[] ToArray() => Bytes.ToArray();

    public IEnumerator<BsonElement> GetEnumerator() => ((IEnumerable<BsonElement>)elements).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        for (var i = 0; i < elements.Length; i++)
        {
            if (string.Equals(elements[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void ValidateNested(int depth)
    {
        foreach (var element in elements)
        {
            if (element.Value.Type is not (BsonType.Document or BsonType.Array or BsonType.JavaScriptWithScope))
            {
                continue;
            }

            if (depth >= MaxDepth)
            {
                throw new BsonFormatException($"The BSON document nests deeper than {MaxDepth} levels.");
            }

            var raw = element.Value.Raw;
            if (element.Value.Type == BsonType.JavaScriptWithScope)
            {
                var codeLength = BinaryPrimitives.ReadInt32LittleEndian(raw.Span[4..]);
                raw = raw[(8 + codeLength)..];
            }

            new BsonDocument(raw).ValidateNested(depth + 1);
        }
    }

    private static BsonElement[] ParseLevel(ReadOnlyMemory<byte> memory)
    {
        var bytes = memory.Span;
        if (bytes.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(bytes) != bytes.Length || bytes[^1] != 0)
        {
            throw new BsonFormatException("A BSON document's length prefix or terminator is invalid.");
        }

        var limit = bytes.Length - 1;
        var result = new List<BsonElement>();
        var position = 4;
        while (position < limit)
        {
            var type = (BsonType)bytes[position];
            var nameStart = position + 1;
            var nameEnd = BsonElementLayout.CStringEnd(bytes, nameStart, limit);
            var name = DecodeName(bytes[nameStart..(nameEnd - 1)]);
            var valueLength = BsonElementLayout.ValueLength(type, bytes, nameEnd, limit, name);
            result.Add(new BsonElement(name, new BsonValue(name, type, memory.Slice(nameEnd, valueLength))));
            position = nameEnd + valueLength;
        }

        return result.ToArray();
    }

    private static string DecodeName(ReadOnlySpan<byte> name)
    {
        try
        {
            return StrictUtf8.GetString(name);
        }
        catch (DecoderFallbackException e)
        {
            throw new BsonFormatException($"A BSON field name is not valid UTF-8: {e.Message}");
        }
    }
}
