using DotNet.Testcontainers.Builders;
using MongoDB.Driver;
using Testcontainers.MongoDb;
using Toki.Server.Storage.Mongo;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The MongoDB replica set the MongoDB tier runs on: the one TOKI_TEST_MONGODB_URI names, else a one-member replica set
/// started (once per run) by Testcontainers when a Docker engine is reachable, else none, with the reason every MongoDB
/// test is then skipped for. A container that fails to come up is an error, not a skip.
/// </summary>
internal sealed class MongoTestServer
{
    public const string UriVariable = "TOKI_TEST_MONGODB_URI";

    /// <summary>The image docker-compose.yml runs.</summary>
    public const string Image = "mongo:7.0";

    private static readonly Lock Gate = new();
    private static Task<MongoTestServer>? _server;

    private MongoTestServer(string? uri, string? skipReason, MongoDbContainer? container)
    {
        Uri = uri;
        SkipReason = skipReason;
        Container = container;
        if (uri is not null)
        {
            // Settings as the server makes them (majority writes with a timeout, retryable), for the run's one client.
            Client = new MongoClient(MongoClientSettingsFactory.Create(new MongoStoreOptions { Uri = uri }, loggerFactory: null).Settings);
        }
    }

    /// <summary>A URI to a replica set primary, or null when <see cref="SkipReason"/> says why there is none.</summary>
    public string? Uri { get; }

    public string? SkipReason { get; }

    /// <summary>The run's one client on <see cref="Uri"/>; tests work in databases of their own.</summary>
    public IMongoClient? Client { get; }

    private MongoDbContainer? Container { get; }

    public static Task<MongoTestServer> GetAsync()
    {
        lock (Gate)
        {
            return _server ??= LocateAsync();
        }
    }

    /// <summary>The server, or <see cref="NUnit.Framework.Assert.Ignore(string)"/> with the reason there is none.</summary>
    public static async Task<MongoTestServer> RequireAsync(string what)
    {
        var server = await GetAsync();
        if (server.Uri is null)
        {
            NUnit.Framework.Assert.Ignore($"{what} skipped: {server.SkipReason}");
        }
        return server;
    }

    /// <summary>Removes the container if this run started one (Testcontainers' reaper would also remove it when the run ends).</summary>
    public static async Task StopAsync()
    {
        Task<MongoTestServer>? server;
        lock (Gate)
        {
            server = _server;
        }
        if (server is { IsCompletedSuccessfully: true, Result: var found })
        {
            found.Client?.Dispose();
            if (found.Container is { } container)
            {
                await container.DisposeAsync();
            }
        }
    }

    private static async Task<MongoTestServer> LocateAsync()
    {
        var uri = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(uri))
        {
            return new MongoTestServer(uri, null, null);
        }

        MongoDbContainer container;
        try
        {
            container = new MongoDbBuilder(Image).WithReplicaSet("rs0").Build();
        }
        catch (DockerUnavailableException exception)
        {
            var details = exception.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new MongoTestServer(null,
                $"{UriVariable} is not set and Testcontainers found no Docker engine ({details[0]} {string.Join(" ", details.SkipWhile(line => line != "Details:").Skip(1).Distinct())}). " +
                $"Set {UriVariable} to a MongoDB 5.0+ replica set (e.g. mongodb://localhost:27017/?replicaSet=rs0), start a Docker engine, " +
                "or run the suite in containers: docker compose --profile test run --rm tests",
                null);
        }
        await container.StartAsync();
        return new MongoTestServer(container.GetConnectionString(), null, container);
    }
}
