using System.Buffers.Binary;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>Structural rules of BSON values: how many bytes each type occupies, checked against the enclosing bounds.</summary>
internal static class BsonElementLayout
{
    /// <summary>
    /// Length of the value of <paramref name="type"/> that starts at <paramref name="offset"/>; the value must end at or
    /// before <paramref name="limit"/> (the position of the enclosing document's terminating NUL).
    /// </summary>
    public static int ValueLength(BsonType type, ReadOnlySpan<byte> bytes, int offset, int limit, string name)
    {
        var available = limit - offset;
        var length = type switch
        {
            BsonType.Double or BsonType.DateTime or BsonType.Int64 or BsonType.Timestamp => 8,
            BsonType.Int32 => 4,
            BsonType.Decimal128 => BsonDecimal128.Size,
            BsonType.ObjectId => ObjectId.Size,
            BsonType.Boolean => 1,
            BsonType.Null or BsonType.Undefined or BsonType.MinKey or BsonType.MaxKey => 0,
            BsonType.String or BsonType.JavaScript or BsonType.Symbol => StringLength(bytes, offset, available, name),
            BsonType.Document or BsonType.Array => DocumentLength(bytes, offset, available, name),
            BsonType.Binary => BinaryLength(bytes, offset, available, name),
            BsonType.RegularExpression => RegexLength(bytes, offset, available, name),
            BsonType.DbPointer => StringLength(bytes, offset, available, name) + ObjectId.Size,
            BsonType.JavaScriptWithScope => CodeWithScopeLength(bytes, offset, available, name),
            _ => throw new BsonFormatException($"Field '{name}' has unknown BSON type 0x{(byte)type:x2}."),
        };

        if (length > available)
        {
            throw new BsonFormatException($"Field '{name}' ({type}) runs past the end of its document.");
        }

        if (type == BsonType.Boolean && bytes[offset] > 1)
        {
            throw new BsonFormatException($"Field '{name}' is a boolean with invalid byte 0x{bytes[offset]:x2}.");
        }

        return length;
    }

    /// <summary>Position just after the NUL that ends the cstring starting at <paramref name="offset"/>.</summary>
    public static int CStringEnd(ReadOnlySpan<byte> bytes, int offset, int limit)
    {
        var terminator = bytes[offset..limit].IndexOf((byte)0);
        if (terminator < 0)
        {
            throw new BsonFormatException("A BSON field name or cstring is not NUL-terminated within its document.");
        }

        return offset + terminator + 1;
    }

    private static int ReadLength(ReadOnlySpan<byte> bytes, int offset, int available, string name)
    {
        if (available < 4)
        {
            throw new BsonFormatException($"Field '{name}' is truncated before its length prefix.");
        }

        return BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
    }

    private static int StringLength(ReadOnlySpan<byte> bytes, int offset, int available, string name)
    {
        var count = ReadLength(bytes, offset, available, name);
        if (count < 1 || count > available - 4 || bytes[offset + 4 + count - 1] != 0)
        {
            throw new BsonFormatException($"Field '{name}' has an invalid string length {count}.");
        }

        return 4 + count;
    }

    private static int DocumentLength(ReadOnlySpan<byte> bytes, int offset, int available, string name)
    {
        var count = ReadLength(bytes, offset, available, name);
        if (count < 5 || count > available || bytes[offset + count - 1] != 0)
        {
            throw new BsonFormatException($"Field '{name}' has an invalid embedded document length {count}.");
        }

        return count;
    }

    private static int BinaryLength(ReadOnlySpan<byte> bytes, int offset, int available, string name)
    {
        var count = ReadLength(bytes, offset, available, name);
        if (count < 0 || count > available - 5)
        {
            throw new BsonFormatException($"Field '{name}' has an invalid binary length {count}.");
        }

        if (bytes[offset + 4] == BsonBinary.OldBinarySubtype
            && (count < 4 || BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + 5)..]) != count - 4))
        {
            throw new BsonFormatException($"Field '{name}' is old-style binary (subtype 2) with an inconsistent inner length.");
        }

        return 5 + count;
    }

    private static int RegexLength(ReadOnlySpan<byte> bytes, int offset, int available, string name)
    {
        var limit = offset + available;
        var patternEnd = CStringEnd(bytes, offset, limit);
        return CStringEnd(bytes, patternEnd, limit) - offset;
    }

    private static int CodeWithScopeLength(ReadOnlySpan<byte> bytes, int offset, int available, string name)
    {
        var total = ReadLength(bytes, offset, available, name);
        if (total < 14 || total > available)
        {
            throw new BsonFormatException($"Field '{name}' has an invalid code-with-scope length {total}.");
        }

        var code = StringLength(bytes, offset + 4, total - 4, name);
        var scope = DocumentLength(bytes, offset + 4 + code, total - 4 - code, name);
        if (4 + code + scope != total)
        {
            throw new BsonFormatException($"Field '{name}' has an inconsistent code-with-scope length.");
        }

        return total;
    }
}
