using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// A real Kestrel on 127.0.0.1 with an ephemeral port. Logs are captured and written to the test output when
/// the test fails, as SignalR's InProcessTestServer does.
/// </summary>
public sealed class KestrelTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _logs;

    private KestrelTestHost(WebApplication app, ConcurrentQueue<string> logs)
    {
        _app = app;
        _logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
    }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public IReadOnlyCollection<string> Logs => _logs;

    public static async Task<KestrelTestHost> StartAsync(Action<WebApplication> configure, Action<WebApplicationBuilder>? build = null,
        LogLevel minimumLevel = LogLevel.Debug)
    {
        var logs = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        build?.Invoke(builder);
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return new KestrelTestHost(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        FailureOutput.WriteIfFailed("server log", _logs);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
