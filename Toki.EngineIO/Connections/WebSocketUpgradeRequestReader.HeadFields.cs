using System.Text;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO.Connections;

internal static partial class WebSocketUpgradeRequestReader
{
    /// <summary>The header fields the decision needs, gathered line by line.</summary>
    private ref struct HeadFields
    {
        private int _hosts;
        private string? _host;
        private int _keys;
        private string? _key;
        private int _versions;
        private bool _version13;
        private int _contentLengths;
        private bool _zeroLength;
        private bool _transferEncoding;
        private bool _connectionUpgrade;
        private bool _upgradeWebSocket;

        public string? Origin { get; private set; }

        /// <summary>Takes one header line; false when it is not a plain "name: value" line.</summary>
        public bool Add(ReadOnlySpan<byte> line)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return false;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            foreach (var c in value)
            {
                if (c != '\t' && c is < 0x20 or > 0x7E)
                {
                    return false;
                }
            }
            if (Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                _hosts++;
                _host = Encoding.ASCII.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                _connectionUpgrade |= ContainsToken(value, "upgrade"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "upgrade"u8))
            {
                _upgradeWebSocket |= ContainsToken(value, "websocket"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "sec-websocket-key"u8))
            {
                _keys++;
                _key = Encoding.ASCII.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "sec-websocket-version"u8))
            {
                _versions++;
                _version13 = value.SequenceEqual("13"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "origin"u8))
            {
                var origin = Encoding.ASCII.GetString(value);
                Origin = Origin is null ? origin : Origin + "," + origin;
            }
            else if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                _contentLengths++;
                _zeroLength = value.SequenceEqual("0"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                _transferEncoding = true;
            }
            return true;
        }

        public readonly bool IsWebSocketUpgrade(out string host, out string key)
        {
            host = _host ?? "";
            key = _key ?? "";
            return _hosts == 1 && IsPlainHost(host)
                && _connectionUpgrade && _upgradeWebSocket
                && _keys == 1 && WebSocketUpgrade.IsValidKey(key)
                && _versions == 1 && _version13
                && !_transferEncoding && (_contentLengths == 0 || (_contentLengths == 1 && _zeroLength));
        }
    }

    private static bool ContainsToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        foreach (var range in list.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(list[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || "!#$%&'*+-.^_`|~"u8.Contains(c)))
            {
                return false;
            }
        }
        return true;
    }
}
