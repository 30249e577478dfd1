using Microsoft.Extensions.Options;
using MongoDB.Driver;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// At startup, before the server listens: checks that MongoDB is a replica set and creates the indexes (the first
/// operations, so an unreachable server stops the start once the driver's server selection timeout has passed), then
/// runs the seed file when one is configured. Creating the store before this already refused an invalid URI.
/// </summary>
internal sealed partial class MongoStoreInitializer(MongoCallStore store, UserSeeder seeder, IOptions<UserSeedOptions> seed,
    IHostEnvironment environment, ILogger<MongoStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.EnsureReadyAsync(cancellationToken);
        }
        catch (CallStoreUnavailableException exception)
        {
            throw new InvalidOperationException(
                $"MongoDB ({store.Hosts}, database '{store.DatabaseName}') was unavailable at startup (server selection timeout " +
                $"{store.ServerSelectionTimeout.TotalSeconds:0.###} s, serverSelectionTimeoutMS), so the server does not start: {exception.Message}", exception);
        }
        catch (MongoException exception)
        {
            throw new InvalidOperationException(
                $"MongoDB ({store.Hosts}, database '{store.DatabaseName}') refused the startup checks, so the server does not start: {exception.Message}",
                exception);
        }
        LogReady(logger, store.Hosts, store.DatabaseName);
        if (!string.IsNullOrWhiteSpace(seed.Value.SeedFile))
        {
            await seeder.SeedAsync(Path.Combine(environment.ContentRootPath, seed.Value.SeedFile), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB store ready: {Hosts}, database {Database}, replica set, indexes in place")]
    private static partial void LogReady(ILogger logger, string hosts, string database);
}
