namespace Toki.Server.Tests;

/// <summary>
/// The test tiers, as NUnit categories: <c>dotnet test --filter Category=Unit</c> runs one tier. Every fixture carries
/// exactly one of them.
/// </summary>
public static class TestCategories
{
    /// <summary>Pure logic: codecs, the transition table, arithmetic, services on fakes and fake time. Seconds in all.</summary>
    public const string Unit = "Unit";

    /// <summary>A real Kestrel on 127.0.0.1:0 (or a real SQLite file) driven by C# clients or raw HTTP/WebSocket.</summary>
    public const string Functional = "Functional";

    /// <summary>Needs Node: the official socket.io-client or a Node socket.io server drives or joins the test.</summary>
    public const string Node = "Node";

    /// <summary>Drives Debian's Chromium through Playwright.</summary>
    public const string Browser = "Browser";

    /// <summary>Needs a MongoDB replica set (TOKI_TEST_MONGODB_URI or Docker); skipped with its reason otherwise.</summary>
    public const string Mongo = "Mongo";

    /// <summary>Several servers joined through a real redis-server.</summary>
    public const string Cluster = "Cluster";

    /// <summary>The benchmark's smoke run.</summary>
    public const string Bench = "Bench";
}
