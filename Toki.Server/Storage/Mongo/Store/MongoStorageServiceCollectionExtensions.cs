using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo.Store;

internal static class MongoStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MongoCallStore"/> as the <see cref="ICallStore"/> singleton, bound from
    /// <c>Storage:MongoDB</c>, and a hosted service that creates its indexes at startup and applies
    /// <c>Storage:SeedFile</c> when set. The container disposes the store, closing its client pool.
    /// </summary>
    public static IServiceCollection AddMongoCallStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MongoStoreOptions>()
            .Bind(configuration.GetSection(MongoStoreOptions.SectionName))
            .Validate(options => options.IsValid, "Storage:MongoDB needs a Uri, a Database and a positive PingTimeout.")
            .ValidateOnStart();
        services.AddOptions<UserSeedOptions>().Bind(configuration.GetSection(UserSeedOptions.SectionName));

        services.TryAddSingleton(provider => MongoCallStore.Open(
            provider.GetRequiredService<IOptions<MongoStoreOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<ICallStore>(provider => provider.GetRequiredService<MongoCallStore>());
        services.TryAddSingleton<UserSeeder>();
        services.AddHostedService<MongoStoreInitializer>();
        return services;
    }
}
