using Microsoft.Data.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>A temporary folder for database files, removed with everything in it.</summary>
internal sealed class SqliteTestDirectory : IDisposable
{
    public SqliteTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "toki-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "toki.db");

    public void Dispose()
    {
        // Pooled connections of raw test connections would otherwise keep the files open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
