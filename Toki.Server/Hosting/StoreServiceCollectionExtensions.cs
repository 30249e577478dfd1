using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Hosting;

internal static class StoreServiceCollectionExtensions
{
    /// <summary>The call store: the embedded SQLite file (<c>Storage:Sqlite:Path</c>).</summary>
    public static IServiceCollection AddTokiStore(this IServiceCollection services, IConfiguration configuration)
    {
        return services.AddSqliteCallStore(configuration);
    }
}
