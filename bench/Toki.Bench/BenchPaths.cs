using System.Reflection;

namespace Toki.Bench;

/// <summary>Where the repository, the Node reference server and the Toki server build live.</summary>
public static class BenchPaths
{
    public static string RepositoryRoot { get; } = typeof(BenchPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string NodeReference => Path.Combine(RepositoryRoot, "bench", "node-reference");

    /// <summary>
    /// Toki.Server.dll is built next to the bench (same configuration), as a project reference; <c>TOKI_BENCH_SERVER_DLL</c>
    /// names another build instead (an A/B against a saved copy of an earlier one).
    /// </summary>
    public static string TokiServerDll =>
        Environment.GetEnvironmentVariable("TOKI_BENCH_SERVER_DLL") is { Length: > 0 } other ? Path.GetFullPath(other)
            : Path.Combine(AppContext.BaseDirectory, "Toki.Server.dll");

    public static string DefaultResults => Path.Combine(RepositoryRoot, "bench", "results");
}
