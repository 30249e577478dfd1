using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Toki.EngineIO.Connections;

/// <summary>
/// An <see cref="HttpContext"/> built from a request head read off the connection, for the
/// <see cref="EngineIOOptions.AllowRequest"/> hook: method, target, headers, scheme, the connection's addresses and
/// request services. Its response goes nowhere; the hook only decides.
/// </summary>
internal static class RawHttpContext
{
    public static HttpContext Create(WebSocketUpgradeRequest request, ConnectionContext connection, bool secure, IServiceProvider? services)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in ReadHeaders(request.Head))
        {
            headers.Append(name, value);
        }
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = secure ? "https" : "http",
            Method = HttpMethods.Get,
            PathBase = "",
            Path = request.Path,
            QueryString = request.QueryString,
            RawTarget = request.Target,
            Headers = headers,
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var local = connection.LocalEndPoint as IPEndPoint;
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connection.ConnectionId,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
        });
        var context = new DefaultHttpContext(features);
        if (services is not null)
        {
            context.RequestServices = services;
        }
        return context;
    }

    private static IEnumerable<(string Name, string Value)> ReadHeaders(byte[] head)
    {
        var lines = Encoding.ASCII.GetString(head).Split("\r\n");
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                yield return (line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
            }
        }
    }
}
