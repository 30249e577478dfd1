using Microsoft.Extensions.Options;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// At startup, before the server listens: creates the indexes (the first operation, so an unreachable server stops
/// the start with a clear error) and runs the seed file when one is configured. Constructing the store before this
/// already refused an invalid URI or a missing libmongoc.
/// </summary>
internal sealed partial class MongoStoreInitializer(MongoCallStore store, UserSeeder seeder, IOptions<UserSeedOptions> seed,
    IHostEnvironment environment, ILogger<MongoStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.EnsureIndexesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is CallStoreUnavailableException or MongoException)
        {
            throw new InvalidOperationException(
                $"MongoDB refused or did not answer the index creation at startup (database '{store.DatabaseName}'), so the server does not start: "
                + exception.Message, exception);
        }
        LogReady(logger, store.DatabaseName);
        if (!string.IsNullOrWhiteSpace(seed.Value.SeedFile))
        {
            await seeder.SeedAsync(Path.Combine(environment.ContentRootPath, seed.Value.SeedFile), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB store ready: database {Database}, indexes in place")]
    private static partial void LogReady(ILogger logger, string database);
}
