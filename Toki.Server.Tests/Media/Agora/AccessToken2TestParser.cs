using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Toki.Server.Tests.Media.Agora;

/// <summary>A test-only reader for Agora AccessToken2 ("007") tokens, written from the wire format.</summary>
internal static class AccessToken2TestParser
{
    private const ushort RtcServiceType = 1;

    public static byte[] Inflate(string token)
    {
        if (!token.StartsWith("007", StringComparison.Ordinal))
        {
            throw new FormatException($"Not a 007 token: '{token}'.");
        }
        using var input = new MemoryStream(Convert.FromBase64String(token[3..]));
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    public static ParsedAccessToken2 Parse(string token)
    {
        var content = Inflate(token);
        var reader = new Reader(content);
        var signature = reader.Bytes();
        var signingInfoStart = reader.Position;
        var appId = reader.String();
        var issueTs = reader.UInt32();
        var expire = reader.UInt32();
        var salt = reader.UInt32();
        var serviceCount = reader.UInt16();
        var services = new List<ParsedRtcService>();
        for (var i = 0; i < serviceCount; i++)
        {
            var type = reader.UInt16();
            if (type != RtcServiceType)
            {
                throw new FormatException($"Service type {type} is not RTC; this parser only reads RTC services.");
            }
            var privileges = new List<KeyValuePair<ushort, uint>>();
            for (var count = reader.UInt16(); count > 0; count--)
            {
                privileges.Add(new(reader.UInt16(), reader.UInt32()));
            }
            services.Add(new ParsedRtcService(privileges, reader.String(), reader.String()));
        }
        if (reader.Position != content.Length)
        {
            throw new FormatException($"{content.Length - reader.Position} bytes follow the last service.");
        }
        return new ParsedAccessToken2(content, signature, content[signingInfoStart..], appId, issueTs, expire, salt,
            services);
    }

    private sealed class Reader(byte[] data)
    {
        public int Position { get; private set; }

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public byte[] Bytes() => Take(UInt16()).ToArray();

        public string String() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(UInt16()));

        private ReadOnlySpan<byte> Take(int length)
        {
            if (Position + length > data.Length)
            {
                throw new FormatException($"The token ends at byte {data.Length}; {length} more were expected.");
            }
            var span = data.AsSpan(Position, length);
            Position += length;
            return span;
        }
    }
}
