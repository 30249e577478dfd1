using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO.Connections;

/// <summary>
/// Recognizes, from the first bytes of a connection, an HTTP/1.1 WebSocket upgrade request for a mapped
/// Engine.IO path with transport=websocket. It only says yes to a request it fully understands (origin-form
/// target on the exact path, one valid Host, Connection: upgrade, Upgrade: websocket, version 13 with a valid
/// key, no body, plain ASCII header lines); everything else, odd or malformed included, is left to Kestrel.
/// </summary>
internal static class WebSocketUpgradeRequestReader
{
    /// <summary>A longer head is left to Kestrel, whose limits are larger.</summary>
    public const int MaxHeadLength = 16 * 1024;

    private const int MaxPrefixLength = 256;

    public static UpgradeHeadStatus TryRead(ReadOnlySequence<byte> buffer, EngineIOConnectionRoute[] routes,
        out WebSocketUpgradeRequest? request, out SequencePosition end)
    {
        request = null;
        end = buffer.Start;
        var prefix = MatchPrefix(buffer, routes);
        if (prefix != UpgradeHeadStatus.Ours)
        {
            return prefix;
        }
        var reader = new SequenceReader<byte>(buffer.Length > MaxHeadLength ? buffer.Slice(0, MaxHeadLength) : buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: true))
        {
            return buffer.Length >= MaxHeadLength ? UpgradeHeadStatus.NotOurs : UpgradeHeadStatus.NeedMore;
        }
        end = reader.Position;
        var bytes = new byte[head.Length + 2];
        head.CopyTo(bytes);
        "\r\n"u8.CopyTo(bytes.AsSpan((int)head.Length));
        request = Parse(bytes, routes);
        return request is null ? UpgradeHeadStatus.NotOurs : UpgradeHeadStatus.Ours;
    }

    /// <summary>Whether the request line starts with "GET " and a mapped path, before waiting for the whole head.</summary>
    private static UpgradeHeadStatus MatchPrefix(ReadOnlySequence<byte> buffer, EngineIOConnectionRoute[] routes)
    {
        // Each route needs its prefix and the byte after it; routes are rarely longer than the stack copy.
        var needed = 0;
        foreach (var route in routes)
        {
            needed = Math.Max(needed, route.RequestPrefix.Length + 1);
        }
        var available = (int)Math.Min(buffer.Length, needed);
        Span<byte> start = available <= MaxPrefixLength ? stackalloc byte[MaxPrefixLength] : new byte[available];
        buffer.Slice(0, available).CopyTo(start);
        start = start[..available];
        var result = UpgradeHeadStatus.NotOurs;
        foreach (var route in routes)
        {
            var expected = route.RequestPrefix;
            var compared = Math.Min(start.Length, expected.Length);
            if (!start[..Math.Min(compared, 4)].SequenceEqual(expected.AsSpan(0, Math.Min(compared, 4)))
                || (compared > 4 && !Ascii.EqualsIgnoreCase(start[4..compared], expected.AsSpan(4, compared - 4))))
            {
                continue;
            }
            if (start.Length <= expected.Length)
            {
                result = UpgradeHeadStatus.NeedMore;
            }
            else if (start[expected.Length] is (byte)'/' or (byte)'?' or (byte)' ')
            {
                return UpgradeHeadStatus.Ours;
            }
        }
        return result;
    }

    private static WebSocketUpgradeRequest? Parse(byte[] bytes, EngineIOConnectionRoute[] routes)
    {
        var span = bytes.AsSpan();
        var lineEnd = span.IndexOf("\r\n"u8);
        var line = span[..lineEnd];
        if (!line.StartsWith("GET "u8) || !line.EndsWith(" HTTP/1.1"u8) || line.Length <= 13)
        {
            return null;
        }
        var target = line[4..^9];
        if (target[0] != '/' || target.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
        {
            return null;
        }
        var question = target.IndexOf((byte)'?');
        var path = question < 0 ? target : target[..question];
        EngineIOConnectionRoute? route = null;
        foreach (var candidate in routes)
        {
            if (IsRoutePath(path, candidate.Path))
            {
                route = candidate;
                break;
            }
        }
        if (route is null)
        {
            return null;
        }

        var headers = new HeadFields();
        var rest = span[(lineEnd + 2)..];
        while (rest.Length > 0)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (!headers.Add(rest[..end]))
            {
                return null;
            }
            rest = rest[(end + 2)..];
        }
        if (!headers.IsWebSocketUpgrade(out var host, out var key))
        {
            return null;
        }

        var query = question < 0 ? "" : Encoding.ASCII.GetString(target[question..]);
        if (SingleQueryValue(query, "transport") != "websocket")
        {
            return null;
        }
        return new WebSocketUpgradeRequest(route, bytes, Encoding.ASCII.GetString(target), host, headers.Origin, key,
            SingleQueryValue(query, "EIO"), "websocket", SessionIdOf(query));
    }

    /// <summary>The path as MapEngineIO would route it here: the route itself, with or without the trailing slash.</summary>
    private static bool IsRoutePath(ReadOnlySpan<byte> path, string route) =>
        (path.Length == route.Length || (path.Length == route.Length + 1 && path[^1] == '/'))
        && Ascii.EqualsIgnoreCase(path[..route.Length], route);

    /// <summary>A query value as the HTTP path reads it: decoded, name matched case-insensitively, null unless given once.</summary>
    private static string? SingleQueryValue(string query, string name)
    {
        var (value, count) = QueryValue(query, name);
        return count == 1 ? value : null;
    }

    /// <summary>The sid as the HTTP path reads it (see <see cref="EngineIOServer.SessionIdOf"/>): "" when given more than once.</summary>
    private static string? SessionIdOf(string query) => QueryValue(query, "sid") switch
    {
        (_, 0) => null,
        (var value, 1) => value,
        _ => "",
    };

    private static (string? Value, int Count) QueryValue(string query, string name)
    {
        string? value = null;
        var count = 0;
        foreach (var pair in new QueryStringEnumerable(query))
        {
            if (pair.DecodeName().Span.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.DecodeValue().ToString();
                count++;
            }
        }
        return (value, count);
    }

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

    /// <summary>A host name or IPv4 address, or a bracketed IPv6 address, with an optional port; anything fancier goes to Kestrel.</summary>
    private static bool IsPlainHost(string host)
    {
        if (host.Length == 0)
        {
            return false;
        }
        var hostEnd = host.Length;
        if (host[0] == '[')
        {
            hostEnd = host.IndexOf(']', StringComparison.Ordinal) + 1;
            if (hostEnd <= 2 || host.AsSpan(1, hostEnd - 2).ContainsAnyExcept("0123456789abcdefABCDEF:."))
            {
                return false;
            }
        }
        else
        {
            var colon = host.IndexOf(':', StringComparison.Ordinal);
            hostEnd = colon < 0 ? host.Length : colon;
            foreach (var c in host.AsSpan(0, hostEnd))
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
                {
                    return false;
                }
            }
        }
        if (hostEnd == 0 || hostEnd == host.Length)
        {
            return hostEnd > 0;
        }
        var port = host.AsSpan(hostEnd);
        return port.Length is > 1 and <= 6 && port[0] == ':' && !port[1..].ContainsAnyExceptInRange('0', '9');
    }
}
