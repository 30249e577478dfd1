using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Toki.EngineIO;

/// <summary>
/// What the client sent when it opened the session, copied out of the HTTP request (a polling handshake
/// request ends long before the session does).
/// </summary>
public sealed class EngineHandshake
{
    public EngineHandshake(IReadOnlyDictionary<string, StringValues> query, IReadOnlyDictionary<string, StringValues> headers,
        IPAddress? remoteAddress, string url, bool secure, DateTimeOffset issued)
    {
        Query = query;
        Headers = headers;
        RemoteAddress = remoteAddress;
        Url = url;
        Secure = secure;
        Issued = issued;
    }

    public IReadOnlyDictionary<string, StringValues> Query { get; }

    /// <summary>Request headers with lower-case names.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    public IPAddress? RemoteAddress { get; }

    public string Url { get; }

    public bool Secure { get; }

    public DateTimeOffset Issued { get; }

    public string? GetQuery(string name) => Query.TryGetValue(name, out var value) ? value.ToString() : null;

    public string? GetHeader(string name) =>
        Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value.ToString() : null;

    internal static EngineHandshake From(HttpContext context, DateTimeOffset issued)
    {
        var request = context.Request;
        var query = new Dictionary<string, StringValues>(request.Query.Count, StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            query[key] = value;
        }
        var headers = new Dictionary<string, StringValues>(request.Headers.Count, StringComparer.Ordinal);
        foreach (var (key, value) in request.Headers)
        {
            headers[key.ToLowerInvariant()] = value;
        }
        return new EngineHandshake(query, headers, context.Connection.RemoteIpAddress,
            $"{request.PathBase}{request.Path}{request.QueryString}", request.IsHttps, issued);
    }
}
