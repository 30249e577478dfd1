namespace Toki.Server.Storage.Mongo;

/// <summary>The MongoDB store, bound from <c>Storage:MongoDB</c>; a non-empty <see cref="Uri"/> selects it over SQLite.</summary>
internal sealed class MongoStoreOptions
{
    public const string SectionName = "Storage:MongoDB";

    /// <summary>
    /// A connection string to a replica set (commits are transactions), e.g.
    /// <c>mongodb://mongo:27017/toki?replicaSet=rs0</c>. Its path, when it has one, names the database; its options
    /// (<c>serverSelectionTimeoutMS</c>, <c>w</c>, <c>wtimeoutMS</c>, <c>appName</c>, ...) are the driver's.
    /// </summary>
    public string Uri { get; set; } = "";

    /// <summary>The database when the URI's path names none.</summary>
    public string Database { get; set; } = "toki";

    /// <summary>How long /readyz waits for a ping before it reports the store unavailable.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a write waits for a majority of the replica set to acknowledge it (<c>wtimeout</c>) before its outcome is
    /// reported as unknown, rather than waiting for ever while a majority is down. The URI's <c>wtimeoutMS</c> wins.
    /// </summary>
    public TimeSpan WriteConcernTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Uri) && !string.IsNullOrWhiteSpace(Database) && PingTimeout > TimeSpan.Zero && WriteConcernTimeout > TimeSpan.Zero;
}
