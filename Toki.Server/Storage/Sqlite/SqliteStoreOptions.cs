namespace Toki.Server.Storage.Sqlite;

/// <summary>The embedded store, bound from <c>Storage:Sqlite</c>.</summary>
internal sealed class SqliteStoreOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file; a relative path is taken from the content root. Its folder is created.</summary>
    public string Path { get; set; } = "data/toki.db";

    /// <summary>
    /// How long an operation waits for a writer outside this process before it fails as unavailable. Whole seconds,
    /// because Microsoft.Data.Sqlite counts its command timeout in seconds: SQLite's busy handler waits this long
    /// (retrying within milliseconds), and the command timeout is the same, so Microsoft.Data.Sqlite's own retry loop
    /// (150 ms sleeps) never runs before the operation fails.
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>When an acknowledged write is safe: <see cref="SqliteDurability.Full"/> (the default) against power loss too.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    public bool IsValid => !string.IsNullOrWhiteSpace(Path) && BusyTimeoutSeconds >= 1 && Enum.IsDefined(Durability);
}
