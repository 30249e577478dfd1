using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Toki.EngineIO;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>
/// An Engine.IO long-polling client that calls <see cref="EngineIOServer.HandleRequestAsync"/> with in-memory
/// HTTP contexts: the real routing, session and polling code, no sockets, so a test on a manual clock stays
/// deterministic. A GET with nothing queued stays pending until the server has something to send.
/// </summary>
public sealed class InProcessPollingClient
{
    private readonly EngineIOServer _server;

    private InProcessPollingClient(EngineIOServer server, string sid, string openPacket)
    {
        _server = server;
        Sid = sid;
        OpenPacket = openPacket;
    }

    public string Sid { get; }

    /// <summary>The handshake answer, "0{...}".</summary>
    public string OpenPacket { get; }

    public static async Task<InProcessPollingClient> HandshakeAsync(EngineIOServer server, string extraQuery = "")
    {
        var answer = await SendAsync(server, "GET", "EIO=4&transport=polling" + extraQuery);
        if (answer.Status != 200 || !answer.Body.StartsWith('0'))
        {
            throw new InvalidOperationException($"handshake failed: {answer}");
        }
        using var open = JsonDocument.Parse(answer.Body[1..]);
        return new InProcessPollingClient(server, open.RootElement.GetProperty("sid").GetString()!, answer.Body);
    }

    /// <summary>Sends one request as the given method and query; the body, when given, is sent as UTF-8.</summary>
    public static Task<HttpAnswer> SendAsync(EngineIOServer server, string method, string query, string? body = null,
        IDictionary<string, string>? headers = null, CancellationToken aborted = default) =>
        SendAsync(server, method, query, body is null ? null : Encoding.UTF8.GetBytes(body), headers, aborted);

    public static async Task<HttpAnswer> SendAsync(EngineIOServer server, string method, string query, byte[]? body,
        IDictionary<string, string>? headers = null, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = "/engine.io/";
        context.Request.QueryString = new QueryString("?" + query);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
        }
        context.RequestAborted = aborted;
        var response = new MemoryStream();
        context.Response.Body = response;
        await server.HandleRequestAsync(context);
        await context.Response.BodyWriter.FlushAsync();
        return new HttpAnswer(context.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()));
    }

    public Task<HttpAnswer> PollAsync(CancellationToken aborted = default) =>
        SendAsync(_server, "GET", $"EIO=4&transport=polling&sid={Sid}", (byte[]?)null, null, aborted);

    public Task<HttpAnswer> PostAsync(string payload) => SendAsync(_server, "POST", $"EIO=4&transport=polling&sid={Sid}", payload);
}
