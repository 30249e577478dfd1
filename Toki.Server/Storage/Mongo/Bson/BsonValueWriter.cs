namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// Writes one named element of each supported type; shared by <see cref="BsonDocumentBuilder"/> and
/// <see cref="BsonArrayBuilder"/>, which differ only in how element names are chosen.
/// </summary>
internal static class BsonValueWriter
{
    public static void Write(BsonWriter writer, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteElementHeader(BsonType.String, name);
        writer.WriteString(value);
    }

    public static void Write(BsonWriter writer, string name, int value)
    {
        writer.WriteElementHeader(BsonType.Int32, name);
        writer.WriteInt32(value);
    }

    public static void Write(BsonWriter writer, string name, long value)
    {
        writer.WriteElementHeader(BsonType.Int64, name);
        writer.WriteInt64(value);
    }

    /// <summary>Writes the exact IEEE 754 bits: -0.0, infinities and NaN payloads survive unchanged.</summary>
    public static void Write(BsonWriter writer, string name, double value)
    {
        writer.WriteElementHeader(BsonType.Double, name);
        writer.WriteDouble(value);
    }

    public static void Write(BsonWriter writer, string name, bool value)
    {
        writer.WriteElementHeader(BsonType.Boolean, name);
        writer.WriteByte(value ? (byte)1 : (byte)0);
    }

    public static void Write(BsonWriter writer, string name, DateTimeOffset value)
    {
        var milliseconds = BsonDateTime.ToMilliseconds(value);
        writer.WriteElementHeader(BsonType.DateTime, name);
        writer.WriteInt64(milliseconds);
    }

    public static void WriteNull(BsonWriter writer, string name) => writer.WriteElementHeader(BsonType.Null, name);

    public static void Write(BsonWriter writer, string name, ObjectId value)
    {
        writer.WriteElementHeader(BsonType.ObjectId, name);
        Span<byte> bytes = stackalloc byte[ObjectId.Size];
        value.WriteTo(bytes);
        writer.WriteBytes(bytes);
    }

    public static void Write(BsonWriter writer, string name, BsonBinary value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var data = value.Data.Span;
        writer.WriteElementHeader(BsonType.Binary, name);
        if (value.Subtype == BsonBinary.OldBinarySubtype)
        {
            writer.WriteInt32(checked(data.Length + 4));
            writer.WriteByte(value.Subtype);
            writer.WriteInt32(data.Length);
        }
        else
        {
            writer.WriteInt32(data.Length);
            writer.WriteByte(value.Subtype);
        }

        writer.WriteBytes(data);
    }

    public static void Write(BsonWriter writer, string name, BsonDecimal128 value)
    {
        writer.WriteElementHeader(BsonType.Decimal128, name);
        writer.WriteUInt64(value.Low);
        writer.WriteUInt64(value.High);
    }

    public static void Write(BsonWriter writer, string name, BsonDocument value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteElementHeader(BsonType.Document, name);
        writer.WriteBytes(value.Bytes.Span);
    }

    public static void Write(BsonWriter writer, string name, BsonArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteElementHeader(BsonType.Array, name);
        writer.WriteBytes(value.Document.Bytes.Span);
    }

    /// <summary>Copies a value read from another document byte for byte, whatever its type.</summary>
    public static void Write(BsonWriter writer, string name, BsonValue value)
    {
        if (value.Raw.IsEmpty && value.Type == default)
        {
            throw new ArgumentException("The BsonValue is uninitialized.", nameof(value));
        }

        writer.WriteElementHeader(value.Type, name);
        writer.WriteBytes(value.Raw.Span);
    }
}
