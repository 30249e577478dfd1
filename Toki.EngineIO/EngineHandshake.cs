using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Toki.EngineIO;

/// <summary>
/// What the client sent when it opened the session (a polling handshake request ends long before the session
/// does). The request line and headers are kept as one compact copy of the HTTP/1.1 request head and read on
/// demand: a session lives for hours, and few of them are ever asked for more than a header or two.
/// </summary>
public sealed class EngineHandshake
{
    private readonly byte[] _head;

    private EngineHandshake(byte[] head, IPAddress? remoteAddress, bool secure, DateTimeOffset issued)
    {
        _head = head;
        RemoteAddress = remoteAddress;
        Secure = secure;
        Issued = issued;
    }

    /// <summary>The query parameters (names compared case-insensitively); built anew on each call.</summary>
    public IReadOnlyDictionary<string, StringValues> Query
    {
        get
        {
            var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in new QueryStringEnumerable(QueryString))
            {
                var name = pair.DecodeName().ToString();
                query[name] = StringValues.Concat(query.GetValueOrDefault(name), pair.DecodeValue().ToString());
            }
            return query;
        }
    }

    /// <summary>Request headers with lower-case names; built anew on each call.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers
    {
        get
        {
            var headers = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            foreach (var (name, value) in EnumerateHeaders())
            {
                var key = name.ToLowerInvariant();
                headers[key] = StringValues.Concat(headers.GetValueOrDefault(key), value);
            }
            return headers;
        }
    }

    public IPAddress? RemoteAddress { get; }

    /// <summary>The request target: path and query string, as the client sent them.</summary>
    public string Url => Encoding.UTF8.GetString(RequestLine[4..^9]);

    public bool Secure { get; }

    public DateTimeOffset Issued { get; }

    private ReadOnlySpan<byte> RequestLine => _head.AsSpan(0, _head.AsSpan().IndexOf("\r\n"u8));

    private ReadOnlyMemory<char> QueryString
    {
        get
        {
            var url = Url;
            var question = url.IndexOf('?', StringComparison.Ordinal);
            return question < 0 ? ReadOnlyMemory<char>.Empty : url.AsMemory(question);
        }
    }

    /// <summary>A query parameter (several occurrences joined with commas), or null.</summary>
    public string? GetQuery(string name)
    {
        string? found = null;
        foreach (var pair in new QueryStringEnumerable(QueryString))
        {
            if (pair.DecodeName().Span.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = pair.DecodeValue().ToString();
                found = found is null ? value : found + "," + value;
            }
        }
        return found;
    }

    /// <summary>A request header, by any case of its name (several occurrences joined with commas), or null.</summary>
    public string? GetHeader(string name)
    {
        string? found = null;
        foreach (var (header, value) in EnumerateHeaders())
        {
            if (header.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                found = found is null ? value : found + "," + value;
            }
        }
        return found;
    }

    /// <summary>Wraps a request head read off the connection: "GET target HTTP/1.1", then "Name: value" lines, each ending in CRLF.</summary>
    internal static EngineHandshake FromHead(byte[] head, IPAddress? remoteAddress, bool secure, DateTimeOffset issued) =>
        new(head, remoteAddress, secure, issued);

    internal static EngineHandshake From(HttpContext context, DateTimeOffset issued)
    {
        var request = context.Request;
        var head = new ArrayBufferWriter<byte>(512);
        Append(head, "GET ");
        Append(head, $"{request.PathBase}{request.Path}{request.QueryString}");
        Append(head, " HTTP/1.1\r\n");
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                Append(head, name);
                Append(head, ": ");
                Append(head, value ?? "");
                Append(head, "\r\n");
            }
        }
        return new EngineHandshake(head.WrittenSpan.ToArray(), context.Connection.RemoteIpAddress, request.IsHttps, issued);
    }

    private IEnumerable<(string Name, string Value)> EnumerateHeaders()
    {
        var rest = _head.AsMemory(RequestLine.Length + 2);
        while (rest.Length > 0)
        {
            var line = rest.Span;
            var end = line.IndexOf("\r\n"u8);
            if (end < 0)
            {
                yield break;
            }
            var colon = line[..end].IndexOf((byte)':');
            if (colon > 0)
            {
                yield return (Encoding.UTF8.GetString(line[..colon]), Encoding.UTF8.GetString(line[(colon + 1)..end].Trim(" \t"u8)));
            }
            rest = rest[(end + 2)..];
        }
    }

    private static void Append(ArrayBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
