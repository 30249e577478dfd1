using System.Buffers.Binary;
using System.Text;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>
/// WebSocket frames as a client sends them (RFC 6455 section 5.2), masked with one fixed key, built here
/// independently of the server's codec so that tests check it against the RFC rather than against itself.
/// </summary>
internal static class ClientFrames
{
    /// <summary>The masking key of the RFC's own examples (section 5.7).</summary>
    public static ReadOnlySpan<byte> MaskKey => [0x37, 0xfa, 0x21, 0x3d];

    /// <summary>A frame whose first byte (FIN, RSV1-3, opcode) is <paramref name="first"/>, with the shortest length form.</summary>
    public static byte[] Frame(byte first, ReadOnlySpan<byte> payload, bool masked = true)
    {
        var frame = new List<byte> { first };
        var maskBit = masked ? (byte)0x80 : (byte)0;
        Span<byte> length = stackalloc byte[8];
        if (payload.Length <= 125)
        {
            frame.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame.Add((byte)(maskBit | 126));
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)payload.Length);
            frame.AddRange(length[..2]);
        }
        else
        {
            frame.Add((byte)(maskBit | 127));
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            frame.AddRange(length);
        }
        if (masked)
        {
            frame.AddRange(MaskKey);
        }
        for (var i = 0; i < payload.Length; i++)
        {
            frame.Add(masked ? (byte)(payload[i] ^ MaskKey[i % 4]) : payload[i]);
        }
        return [.. frame];
    }

    public static byte[] Frame(byte first, string utf8, bool masked = true) => Frame(first, Encoding.UTF8.GetBytes(utf8), masked);

    /// <summary>A close frame with a status code and a reason given as raw bytes.</summary>
    public static byte[] Close(ushort code, params byte[] reason)
    {
        var payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        reason.CopyTo(payload, 2);
        return Frame(0x88, payload);
    }

    public static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(frame => frame)];
}
