namespace Toki.Server.Tests.Infrastructure;

/// <summary>Which store an end-to-end fixture runs the server on.</summary>
public enum TestStore
{
    Sqlite,

    /// <summary>The replica set of TOKI_TEST_MONGODB_URI (or a Docker container); skipped with the reason when there is none.</summary>
    MongoDB,
}
