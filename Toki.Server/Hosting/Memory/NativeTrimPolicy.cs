namespace Toki.Server.Hosting.Memory;

/// <summary>
/// Decides when the C heap is worth trimming (<see cref="NativeHeapTrim"/>) apart from the GC heap's trims: once the
/// JIT, having compiled a batch of methods, has gone quiet. Its working memory is freed after each compilation but stays
/// in glibc's arenas; a new code path (the first heartbeat round over thousands of WebSockets, say) left several MiB
/// resident that way, while the GC heap had nothing to give back.
/// </summary>
internal static class NativeTrimPolicy
{
    /// <summary>Methods compiled since the last trim before another is worth it.</summary>
    public const long MinCompiledSinceTrim = 64;

    /// <summary>Quiet: at most this many methods compiled in one interval (<see cref="IdleMemoryTrimmer.Interval"/>).</summary>
    public const long QuietCompiledInInterval = 8;

    public static bool ShouldTrim(long compiledSinceTrim, long compiledInInterval) =>
        compiledSinceTrim >= MinCompiledSinceTrim && compiledInInterval <= QuietCompiledInInterval;
}
