using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Hosting;

internal static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The call store: MongoDB when <c>Storage:MongoDB:Uri</c> is set, else the embedded SQLite file
    /// (<c>Storage:Sqlite:Path</c>).
    /// </summary>
    public static IServiceCollection AddTokiStore(this IServiceCollection services, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{MongoStoreOptions.SectionName}:Uri"])
            ? services.AddSqliteCallStore(configuration)
            : services.AddMongoCallStore(configuration);
}
