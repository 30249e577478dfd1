using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Support;

/// <summary>
/// A real Kestrel serving a <see cref="SocketIOServer"/> with the scenario handlers, on the system clock. WebSockets are
/// served below the HTTP layer as in production, unless <c>directWebSockets</c> is false (the HTTP upgrade path).
/// </summary>
public sealed class SocketIOTestHost : IAsyncDisposable
{
    private readonly KestrelTestHost _host;

    private SocketIOTestHost(KestrelTestHost host, SocketIOServer server)
    {
        _host = host;
        Server = server;
        Reasons = DisconnectRecorder.Attach(server.Sockets);
    }

    public SocketIOServer Server { get; }

    /// <summary>The base URL without a trailing slash, for example http://127.0.0.1:5123.</summary>
    public string Url => _host.BaseUrl.ToString().TrimEnd('/');

    public Uri BaseUrl => _host.BaseUrl;

    /// <summary>The server-side disconnect reasons of the main namespace.</summary>
    public DisconnectRecorder Reasons { get; }

    public IReadOnlyCollection<string> Logs => _host.Logs;

    /// <summary>Starts the host; <paramref name="middleware"/> runs in the HTTP pipeline before the Socket.IO endpoint.</summary>
    public static async Task<SocketIOTestHost> StartAsync(Action<SocketIOServerOptions>? configure = null, Action<SocketIOServer>? handlers = null,
        bool directWebSockets = true, Action<WebApplication>? middleware = null)
    {
        SocketIOServer? server = null;
        var connections = new EngineIOConnectionRoutes();
        var host = await KestrelTestHost.StartAsync(app =>
        {
            var options = new SocketIOServerOptions();
            configure?.Invoke(options);
            server = new SocketIOServer(options, TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>());
            ScenarioHandlers.Configure(server);
            handlers?.Invoke(server);
            middleware?.Invoke(app);
            app.MapSocketIO(server);
            if (directWebSockets)
            {
                connections.Add("/socket.io/", server.Engine);
            }
        }, builder => builder.WebHost.UseEngineIOConnections(connections));
        return new SocketIOTestHost(host, server!);
    }

    /// <summary>Runs a scenario of node/socketio/driver.mjs against this server; its JSON result line.</summary>
    public async Task<string> RunNodeAsync(string scenario, string options = "{}")
    {
        var result = await NodeScript.RunAsync("socketio/driver.mjs", [Url, scenario, options], TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            Assert.Fail($"node scenario {scenario} failed ({result.ExitCode}):\n{result.StandardError}\n{result.StandardOutput}");
        }
        return result.StandardOutput.Trim();
    }

    /// <summary>Server log lines at Error or Critical level (none are expected from any client behaviour).</summary>
    public IReadOnlyList<string> Errors => [.. _host.Logs.Where(IsErrorLine)];

    /// <summary>Whether a captured line ("HH:mm:ss.fff Level Category: message") is at Error or Critical level.</summary>
    public static bool IsErrorLine(string line) =>
        line.Length > 13 && (line.AsSpan(13).StartsWith("Error") || line.AsSpan(13).StartsWith("Critical"));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _host.DisposeAsync();
    }
}
