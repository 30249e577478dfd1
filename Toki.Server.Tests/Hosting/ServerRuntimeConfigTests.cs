using System.Text.Json;
using NUnit.Framework;

namespace Toki.Server.Tests.Hosting;

/// <summary>
/// The runtime settings Toki.Server ships in its runtimeconfig.json (what <c>dotnet Toki.Server.dll</c> and the container
/// image start with; the benchmark measures them), read from the copy the build puts next to these tests; Toki.ClusterNode
/// (the cross-node benchmark's and the interop tests' node) ships the same.
/// </summary>
[TestFixture("Toki.Server")]
[TestFixture("Toki.ClusterNode")]
[Category(TestCategories.Unit)]
internal sealed class ServerRuntimeConfigTests(string assembly)
{
    [Test]
    public void OwnCodeIsCompiledOptimizedAtFirstCallWhileTieringStaysOn()
    {
        var properties = ConfigProperties();
        Assert.Multiple(() =>
        {
            Assert.That(properties.TryGetProperty("System.Runtime.TieredCompilation.QuickJit", out var quickJit), Is.True,
                $"{assembly}'s runtimeconfig does not set QuickJit");
            Assert.That(quickJit.ValueKind, Is.EqualTo(JsonValueKind.False), "quick JIT must be off");
            // Off entirely, tiering would leave the framework's precompiled code unoptimized forever.
            Assert.That(properties.TryGetProperty("System.Runtime.TieredCompilation", out _), Is.False, "tiered compilation must stay on");
        });
    }

    [Test]
    public void HotMethodsSkipTheInstrumentedTier()
    {
        var properties = ConfigProperties();
        Assert.That(properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo), Is.True, $"{assembly}'s runtimeconfig does not set TieredPGO");
        Assert.That(pgo.ValueKind, Is.EqualTo(JsonValueKind.False), "Tiered PGO must be off");
    }

    [Test]
    public void ThreadPoolWorkersDoNotSpinBeforeSleeping() =>
        Assert.That(ConfigProperties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32(), Is.Zero);

    private JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        Assert.That(File.Exists(path), Is.True, $"{path} is missing");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
