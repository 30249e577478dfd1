using System.Buffers.Binary;
using System.Globalization;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>A 12-byte BSON ObjectId, held as three big-endian 32-bit parts so that equality and ordering are by bytes.</summary>
internal readonly record struct ObjectId(uint Part0, uint Part1, uint Part2)
{
    public const int Size = 12;

    /// <summary>The creation second stored in the first four bytes.</summary>
    public DateTimeOffset CreationTime => DateTimeOffset.FromUnixTimeSeconds(Part0);

    public static ObjectId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An ObjectId has {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new ObjectId(
            BinaryPrimitives.ReadUInt32BigEndian(bytes),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));
    }

    public static ObjectId Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Size * 2)
        {
            throw new FormatException($"An ObjectId is {Size * 2} hexadecimal digits, not '{hex}'.");
        }

        Span<byte> bytes = stackalloc byte[Size];
        for (var i = 0; i < Size; i++)
        {
            if (!byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new FormatException($"'{hex}' is not a hexadecimal ObjectId.");
            }
        }

        return FromBytes(bytes);
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Part0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Part1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Part2);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Part0:x8}{Part1:x8}{Part2:x8}");
}
