using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Sqlite;

internal static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteCallStore"/> as the <see cref="ICallStore"/> singleton, bound from
    /// <c>Storage:Sqlite</c> (<c>Path</c>, default <c>data/toki.db</c> under the content root;
    /// <c>BusyTimeoutSeconds</c>, default 5; <c>Durability</c>, default <c>Full</c>), and a hosted service that opens the database at startup and
    /// applies <c>Storage:SeedFile</c> when set. The container disposes the store, closing its pooled connections.
    /// </summary>
    public static IServiceCollection AddSqliteCallStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteStoreOptions>()
            .Bind(configuration.GetSection(SqliteStoreOptions.SectionName))
            .Validate(options => options.IsValid, "Storage:Sqlite needs a Path, a BusyTimeoutSeconds of at least 1 and a Durability of Full or Normal.")
            .ValidateOnStart();
        services.AddOptions<UserSeedOptions>().Bind(configuration.GetSection(UserSeedOptions.SectionName));

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
            var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return SqliteCallStore.Open(Path.Combine(contentRoot, options.Path), options.BusyTimeoutSeconds, options.Durability);
        });
        services.TryAddSingleton<ICallStore>(provider => provider.GetRequiredService<SqliteCallStore>());
        services.TryAddSingleton<UserSeeder>();
        services.AddHostedService<SqliteStoreInitializer>();
        return services;
    }
}
