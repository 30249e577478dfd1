using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace Toki.Server.Storage.Mongo;

/// <summary>The driver's settings for the store: what the URI says, completed with the store's defaults.</summary>
internal static class MongoClientSettingsFactory
{
    public const string AppName = "toki-server";

    /// <summary>
    /// Parses the URI (no network I/O). Unless the URI says otherwise, the application name is <see cref="AppName"/>,
    /// writes are retryable and wait for a majority (<c>w: "majority"</c>) at most
    /// <see cref="MongoStoreOptions.WriteConcernTimeout"/>. The database is the URI's path, else
    /// <see cref="MongoStoreOptions.Database"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The URI is not a MongoDB connection string (the driver's reason, which hides any password).</exception>
    public static (MongoClientSettings Settings, string Database) Create(MongoStoreOptions options, ILoggerFactory? loggerFactory)
    {
        MongoUrl url;
        try
        {
            url = MongoUrl.Create(options.Uri);
        }
        catch (MongoConfigurationException exception)
        {
            throw new InvalidOperationException($"{MongoStoreOptions.SectionName}:Uri is not a valid MongoDB connection string: {exception.Message}", exception);
        }

        var settings = MongoClientSettings.FromUrl(url);
        settings.ApplicationName ??= AppName;
        settings.RetryWrites = url.RetryWrites ?? true;
        var writeConcern = url.W is null ? WriteConcern.WMajority : settings.WriteConcern;
        settings.WriteConcern = writeConcern.WTimeout is null ? writeConcern.With(wTimeout: options.WriteConcernTimeout) : writeConcern;
        if (loggerFactory is not null)
        {
            settings.LoggingSettings = new LoggingSettings(loggerFactory);
        }
        return (settings, url.DatabaseName ?? options.Database);
    }
}
