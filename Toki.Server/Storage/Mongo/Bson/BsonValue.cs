using System.Buffers.Binary;
using System.Text;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// One BSON value as stored (type plus raw value bytes). The typed accessors never convert lossily:
/// <list type="bullet">
/// <item><see cref="AsInt32"/> accepts Int32, and Int64 only when it fits in 32 bits.</item>
/// <item><see cref="AsInt64"/> accepts Int32 and Int64.</item>
/// <item><see cref="AsDouble"/> accepts Double, Int32, and Int64 only when the double holds it exactly.</item>
/// <item>A double is never read as an integer, a string never as a number, and nothing is read as a boolean but a boolean.</item>
/// </list>
/// Anything else throws <see cref="BsonConversionException"/> naming the field and both types.
/// </summary>
internal readonly struct BsonValue
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public BsonValue(string name, BsonType type, ReadOnlyMemory<byte> raw)
    {
        Name = name;
        Type = type;
        Raw = raw;
    }

    /// <summary>The field name (or array index) the value was read from, for error messages.</summary>
    public string Name { get; }

    public BsonType Type { get; }

    /// <summary>The value bytes exactly as stored, without the type byte and field name.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    public bool IsNull => Type == BsonType.Null;

    public string AsString => Type == BsonType.String ? DecodeString(Raw.Span) : throw Mismatch(BsonType.String);

    public bool AsBoolean => Type == BsonType.Boolean ? Raw.Span[0] == 1 : throw Mismatch(BsonType.Boolean);

    public int AsInt32 => Type switch
    {
        BsonType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(Raw.Span),
        BsonType.Int64 when ReadInt64() is var v && v >= int.MinValue && v <= int.MaxValue => (int)v,
        BsonType.Int64 => throw new BsonConversionException($"Field '{Name}' holds the Int64 {ReadInt64()}, which does not fit in an Int32."),
        _ => throw Mismatch(BsonType.Int32),
    };

    public long AsInt64 => Type switch
    {
        BsonType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(Raw.Span),
        BsonType.Int64 => ReadInt64(),
        _ => throw Mismatch(BsonType.Int64),
    };

    public double AsDouble => Type switch
    {
        BsonType.Double => BinaryPrimitives.ReadDoubleLittleEndian(Raw.Span),
        BsonType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(Raw.Span),
        BsonType.Int64 when ReadInt64() is var v && IsExactDouble(v) => v,
        BsonType.Int64 => throw new BsonConversionException($"Field '{Name}' holds the Int64 {ReadInt64()}, which a double cannot hold exactly."),
        _ => throw Mismatch(BsonType.Double),
    };

    /// <summary>The UTC datetime as an instant with offset zero; throws when outside the range of <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset AsDateTime => BsonDateTime.FromMilliseconds(AsDateTimeMilliseconds);

    /// <summary>The UTC datetime as stored: signed milliseconds since the Unix epoch.</summary>
    public long AsDateTimeMilliseconds => Type == BsonType.DateTime ? ReadInt64() : throw Mismatch(BsonType.DateTime);

    public BsonDocument AsDocument => Type == BsonType.Document ? new BsonDocument(Raw) : throw Mismatch(BsonType.Document);

    public BsonArray AsArray => Type == BsonType.Array ? new BsonArray(new BsonDocument(Raw)) : throw Mismatch(BsonType.Array);

    public ObjectId AsObjectId => Type == BsonType.ObjectId ? ObjectId.FromBytes(Raw.Span) : throw Mismatch(BsonType.ObjectId);

    public BsonBinary AsBinary
    {
        get
        {
            if (Type != BsonType.Binary)
            {
                throw Mismatch(BsonType.Binary);
            }

            var subtype = Raw.Span[4];
            var skip = subtype == BsonBinary.OldBinarySubtype ? 9 : 5;
            return new BsonBinary(subtype, Raw[skip..]);
        }
    }

    public BsonDecimal128 AsDecimal128 => Type == BsonType.Decimal128
        ? new BsonDecimal128(BinaryPrimitives.ReadUInt64LittleEndian(Raw.Span), BinaryPrimitives.ReadUInt64LittleEndian(Raw.Span[8..]))
        : throw Mismatch(BsonType.Decimal128);

    public BsonTimestamp AsTimestamp => Type == BsonType.Timestamp
        ? new BsonTimestamp(BinaryPrimitives.ReadUInt32LittleEndian(Raw.Span[4..]), BinaryPrimitives.ReadUInt32LittleEndian(Raw.Span))
        : throw Mismatch(BsonType.Timestamp);

    public override string ToString() => $"{Name}: {Type}";

    internal static string DecodeString(ReadOnlySpan<byte> raw)
    {
        try
        {
            return StrictUtf8.GetString(raw[4..^1]);
        }
        catch (DecoderFallbackException e)
        {
            throw new BsonFormatException($"A BSON string is not valid UTF-8: {e.Message}");
        }
    }

    internal static bool IsExactDouble(long value)
    {
        if (value == long.MinValue)
        {
            return true;
        }

        var magnitude = (ulong)Math.Abs(value);
        return magnitude == 0 || magnitude >> System.Numerics.BitOperations.TrailingZeroCount(magnitude) < 1UL << 53;
    }

    private long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Raw.Span);

    private BsonConversionException Mismatch(BsonType wanted) =>
        new($"Field '{Name}' is {Type}, not {wanted}; it is not converted.");
}
