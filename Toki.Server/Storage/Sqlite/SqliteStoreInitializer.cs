using Microsoft.Extensions.Options;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// At startup: opens the store (which creates or migrates the schema), so a broken database stops the host
/// before it serves anyone, then runs the seed file when one is configured.
/// </summary>
internal sealed class SqliteStoreInitializer(SqliteCallStore store, UserSeeder seeder, IOptions<UserSeedOptions> seed,
    IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await store.PingAsync(cancellationToken))
        {
            throw new InvalidOperationException($"The SQLite database '{store.DatabasePath}' does not answer.");
        }
        if (!string.IsNullOrWhiteSpace(seed.Value.SeedFile))
        {
            await seeder.SeedAsync(Path.Combine(environment.ContentRootPath, seed.Value.SeedFile), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
