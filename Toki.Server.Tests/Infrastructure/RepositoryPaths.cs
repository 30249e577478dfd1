using System.Reflection;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>Where the repository and the Node test drivers live, as recorded at build time.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string NodeDrivers => Path.Combine(Root, "Toki.Server.Tests", "node");
}
