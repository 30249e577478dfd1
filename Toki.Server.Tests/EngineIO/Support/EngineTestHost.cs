using Toki.Server.Hosting.Transport;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>
/// A real Kestrel serving a raw Engine.IO endpoint at /engine.io/ with a recording handler, plus raw HTTP and
/// WebSocket helpers. Notices when the first WebSocket request has ended, so a test can see a connection released.
/// With <c>direct</c>, WebSockets are served below the HTTP layer (the connection middleware), and the first
/// connection to end counts instead.
/// </summary>
public sealed class EngineTestHost : IAsyncDisposable
{
    private readonly KestrelTestHost _host;
    private readonly TaskCompletionSource _webSocketRequestEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _postRequestStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EngineTestHost(KestrelTestHost host, EngineIOServer server, RecordingEngineHandler handler)
    {
        _host = host;
        Server = server;
        Handler = handler;
        Http = new HttpClient { BaseAddress = host.BaseUrl };
    }

    public EngineIOServer Server { get; }

    public RecordingEngineHandler Handler { get; }

    public HttpClient Http { get; }

    /// <summary>The server's log lines, as "time Level Category: message".</summary>
    public IReadOnlyCollection<string> Logs => _host.Logs;

    /// <summary>Completes when the first WebSocket request has ended, that is when the server let its connection go.</summary>
    public Task WebSocketRequestEnded => _webSocketRequestEnded.Task;

    /// <summary>Completes when the first POST request has reached the application (Kestrel has parsed its head).</summary>
    public Task PostRequestStarted => _postRequestStarted.Task;

    // tokiTransport: Kestrel accepts with Toki's socket transport (Server:Transport=Toki) instead of its own.
    public static async Task<EngineTestHost> StartAsync(EngineIOOptions options, TimeProvider? time = null, bool direct = false,
        bool tokiTransport = false)
    {
        EngineTestHost? created = null;
        EngineIOServer? server = null;
        var handler = new RecordingEngineHandler();
        var connections = new EngineIOConnectionRoutes();
        var host = await KestrelTestHost.StartAsync(app =>
        {
            server = new EngineIOServer(options, handler, time ?? TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>());
            app.Use(async (context, next) =>
            {
                if (HttpMethods.IsPost(context.Request.Method))
                {
                    created!._postRequestStarted.TrySetResult();
                }
                await next();
                if (context.Request.Query["transport"] == "websocket")
                {
                    created!._webSocketRequestEnded.TrySetResult();
                }
            });
            app.MapEngineIO("/engine.io/", server);
            if (direct)
            {
                connections.Add("/engine.io/", server);
            }
        }, builder =>
        {
            if (tokiTransport)
            {
                builder.Services.AddTokiSocketTransport();
            }
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            listen.Use(next => async connection =>
            {
                await next(connection);
                if (direct)
                {
                    created?._webSocketRequestEnded.TrySetResult();
                }
            });
            listen.UseEngineIO(connections);
        }));
        });
        created = new EngineTestHost(host, server!, handler);
        return created;
    }

    public async Task<HttpAnswer> SendAsync(HttpMethod method, string query, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(method, "/engine.io/?" + query) { Content = body };
        using var response = await Http.SendAsync(request);
        return new HttpAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens a WebSocket to the endpoint (a new session, or the upgrade of <paramref name="sid"/>).</summary>
    public async Task<ClientWebSocket> OpenWebSocketAsync(string? sid = null)
    {
        var socket = new ClientWebSocket();
        var query = "EIO=4&transport=websocket" + (sid is null ? "" : "&sid=" + sid);
        await socket.ConnectAsync(new Uri($"ws://{_host.BaseUrl.Authority}/engine.io/?{query}"), CancellationToken.None).DefaultTimeout();
        return socket;
    }

    /// <summary>Reads one whole message: text as is, binary as "b:" and hex, a close as "close:" and its status, a dropped connection as "aborted".</summary>
    public static async Task<string> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            }
            catch (WebSocketException)
            {
                return "aborted";
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return $"close:{(int?)result.CloseStatus}";
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text
                    ? Encoding.UTF8.GetString(message.ToArray())
                    : "b:" + Convert.ToHexStringLower(message.ToArray());
            }
        }
    }

    public static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).DefaultTimeout();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await _host.DisposeAsync();
    }
}
