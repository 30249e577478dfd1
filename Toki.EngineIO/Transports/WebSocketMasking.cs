using System.Buffers.Binary;
using System.Numerics;

namespace Toki.EngineIO.Transports;

/// <summary>
/// Client-to-server masking (RFC 6455 section 5.3): payload byte i is XORed with mask byte (i mod 4). The mask is
/// held as a little-endian uint of its four bytes, so a little-endian read of aligned data XORs byte for byte.
/// </summary>
internal static class WebSocketMasking
{
    /// <summary>Unmasks (or masks) <paramref name="data"/> in place, which starts at payload offset <paramref name="offset"/>.</summary>
    public static void Apply(Span<byte> data, uint mask, long offset)
    {
        var rotated = BitOperations.RotateRight(mask, (int)(offset & 3) * 8);
        var wide = rotated | ((ulong)rotated << 32);
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var chunk = data.Slice(i, 8);
            BinaryPrimitives.WriteUInt64LittleEndian(chunk, BinaryPrimitives.ReadUInt64LittleEndian(chunk) ^ wide);
        }
        for (; i < data.Length; i++)
        {
            data[i] ^= (byte)(rotated >> ((i & 3) * 8));
        }
    }
}
