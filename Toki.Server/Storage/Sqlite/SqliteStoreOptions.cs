namespace Toki.Server.Storage.Sqlite;

/// <summary>The embedded store, bound from <c>Storage:Sqlite</c>.</summary>
internal sealed class SqliteStoreOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file; a relative path is taken from the content root. Its folder is created.</summary>
    public string Path { get; set; } = "data/toki.db";

    /// <summary>
    /// How long an operation waits for a writer outside this process before it fails as unavailable.
    /// Whole seconds: Microsoft.Data.Sqlite retries busy statements until its command timeout, which it counts in
    /// seconds (SQLite's own busy timeout is left off, so there is one retry policy).
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 5;

    public bool IsValid => !string.IsNullOrWhiteSpace(Path) && BusyTimeoutSeconds >= 1;
}
