using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Hosting;
using Toki.Server.Tests.Storage.Mongo;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// The whole Toki server in-process on a real Kestrel at 127.0.0.1:0, on a fresh SQLite file, with short
/// timers (override any setting per test). Its log is captured and printed when the test fails.
/// </summary>
public sealed class TokiTestServer : IAsyncDisposable
{
    public const string JwtSecret = "toki-end-to-end-tests-secret-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _logs;
    private readonly string? _mongoDatabase;

    private TokiTestServer(WebApplication app, ConcurrentQueue<string> logs, string dataDirectory, string? mongoDatabase)
    {
        _app = app;
        _logs = logs;
        _mongoDatabase = mongoDatabase;
        DataDirectory = dataDirectory;
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseUrl { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public IReadOnlyCollection<string> Logs => _logs;

    public ICallStore Store => _app.Services.GetRequiredService<ICallStore>();

    public static Dictionary<string, string?> DefaultSettings(string dataDirectory) => new()
    {
        ["Auth:JwtSecret"] = JwtSecret,
        ["Storage:Sqlite:Path"] = Path.Combine(dataDirectory, "toki.db"),
        ["Storage:SeedFile"] = "",
        ["Server:WebRoot"] = "",
        ["Server:AllowedOrigins:0"] = "http://allowed.example",
        ["Calls:RingTimeout"] = "00:00:02",
        ["Calls:ConnectTimeout"] = "00:00:03",
        ["Calls:MaxDuration"] = "00:05:00",
        ["Calls:RejoinWindow"] = "00:00:02",
        ["Calls:DisconnectGrace"] = "00:00:00.500",
        ["Calls:RestartReconnectGrace"] = "00:00:02",
        ["Calls:RatePerMinute"] = "60",
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Warning",
    };

    // environment: "Development" maps the development token endpoint that the sample frontend signs in with.
    public static async Task<TokiTestServer> StartAsync(IDictionary<string, string?>? settings = null, string? dataDirectory = null,
        Action<IServiceCollection>? services = null, string environment = "Testing", TestStore store = TestStore.Sqlite)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("toki-e2e-").FullName;
        var logs = new ConcurrentQueue<string>();
        var merged = DefaultSettings(dataDirectory);
        string? mongoDatabase = null;
        if (store == TestStore.MongoDB)
        {
            // A database of its own, with mongo-init's validators, dropped when the server is disposed.
            var mongo = await MongoTestServer.RequireAsync("End-to-end scenarios on MongoDB");
            mongoDatabase = MongoTestDatabase.NewName("e2e");
            await MongoTestDatabase.CreateCollectionsAsync(mongo.Client!, mongoDatabase);
            merged["Storage:MongoDB:Uri"] = mongo.Uri;
            merged["Storage:MongoDB:Database"] = mongoDatabase;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var app = TokiApp.Create(["--environment", environment], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(merged);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new TokiTestServer(app, logs, dataDirectory, mongoDatabase);
    }

    public Task SeedUserAsync(string id, string name, long coins) =>
        Store.CreateUserAsync(new UserRecord { Id = id, Name = name, Coins = coins }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        FailureOutput.WriteIfFailed("server log", _logs);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        if (_mongoDatabase is not null)
        {
            await (await MongoTestServer.GetAsync()).Client!.DropDatabaseAsync(_mongoDatabase);
        }
    }
}
