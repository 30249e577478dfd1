using System.Buffers.Binary;
using System.Text;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// Appends BSON elements (little-endian, BSON 1.1) to a growable buffer. Documents are opened with
/// <see cref="BeginDocument"/> and closed with <see cref="EndDocument"/>, which patches the length prefix.
/// </summary>
internal sealed class BsonWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] buffer = new byte[256];
    private int length;

    public int Length => length;

    public int BeginDocument()
    {
        var start = length;
        WriteInt32(0);
        return start;
    }

    public void EndDocument(int start)
    {
        WriteByte(0);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(start), length - start);
    }

    public int BeginElementDocument(BsonType type, string name)
    {
        WriteElementHeader(type, name);
        return BeginDocument();
    }

    public void Truncate(int newLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newLength, length);
        length = newLength;
    }

    public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    public void WriteElementHeader(BsonType type, string name)
    {
        WriteByte((byte)type);
        WriteCString(name);
    }

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
    }

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A BSON string: int32 byte count including the terminator, UTF-8 bytes, NUL.</summary>
    public void WriteString(string value)
    {
        var byteCount = Utf8ByteCount(value, "string value");
        WriteInt32(byteCount + 1);
        StrictUtf8.GetBytes(value, Reserve(byteCount));
        WriteByte(0);
    }

    /// <summary>A BSON cstring (element names): UTF-8 bytes, NUL; an embedded NUL cannot be represented.</summary>
    public void WriteCString(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A BSON field name cannot contain a NUL character: '{value.Replace("\0", "\\0", StringComparison.Ordinal)}'.");
        }

        var byteCount = Utf8ByteCount(value, "field name");
        StrictUtf8.GetBytes(value, Reserve(byteCount));
        WriteByte(0);
    }

    private static int Utf8ByteCount(string value, string what)
    {
        try
        {
            return StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The {what} is not well-formed UTF-16 (lone surrogate) and cannot be encoded as UTF-8 without loss.", e);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (buffer.Length - length < count)
        {
            var needed = checked(length + count);
            Array.Resize(ref buffer, Math.Max(needed, checked(buffer.Length * 2)));
        }

        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
