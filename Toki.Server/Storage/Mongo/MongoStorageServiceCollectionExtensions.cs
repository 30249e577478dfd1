using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo;

internal static class MongoStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MongoCallStore"/> (with the process's one MongoClient) as the <see cref="ICallStore"/>
    /// singleton, bound from <c>Storage:MongoDB</c>, and a hosted service that checks the replica set and creates the
    /// indexes at startup and applies <c>Storage:SeedFile</c> when set. The container disposes the store and its client.
    /// </summary>
    public static IServiceCollection AddMongoCallStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MongoStoreOptions>()
            .Bind(configuration.GetSection(MongoStoreOptions.SectionName))
            .Validate(options => options.IsValid, "Storage:MongoDB needs a Uri, a Database, a positive PingTimeout and a positive WriteConcernTimeout.")
            .ValidateOnStart();
        services.AddOptions<UserSeedOptions>().Bind(configuration.GetSection(UserSeedOptions.SectionName));

        services.TryAddSingleton(provider => MongoCallStore.Open(
            provider.GetRequiredService<IOptions<MongoStoreOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ICallStore>(provider => provider.GetRequiredService<MongoCallStore>());
        services.TryAddSingleton<UserSeeder>();
        services.AddHostedService<MongoStoreInitializer>();
        return services;
    }
}
