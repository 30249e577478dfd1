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
internal static partial class WebSocketUpgradeRequestReader
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
