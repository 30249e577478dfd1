using System.Runtime.InteropServices;

namespace Toki.Server.Hosting.Memory;

/// <summary>
/// Hands the C heap's free pages back to the system (glibc's <c>malloc_trim</c>). The runtime's native allocations
/// during a burst (the JIT compiling the burst's code paths at higher tiers, with its profile data) are freed
/// afterwards but stay resident in glibc's per-thread arenas, several MiB on a server that just took thousands of
/// connections. Elsewhere (Windows, macOS, musl) it does nothing.
/// </summary>
internal static class NativeHeapTrim
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>False where there is no <c>malloc_trim</c> (not Linux, or a libc without it), once a call has found out.</summary>
    public static bool IsAvailable => !_unavailable;

    /// <summary>Returns whether glibc reported releasing memory; false where there is no <c>malloc_trim</c>.</summary>
    public static bool TryTrim()
    {
        if (_unavailable)
        {
            return false;
        }
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl (Alpine) has no malloc_trim.
            _unavailable = true;
            return false;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code enabled
    // for the whole project.
    [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
