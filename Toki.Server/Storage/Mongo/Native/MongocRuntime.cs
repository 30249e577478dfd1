using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// Process-wide libmongoc setup: checks that the Debian 1.23 libraries load under their sonames, installs the log
/// bridge and calls <c>mongoc_init</c> exactly once. <c>mongoc_cleanup</c> is never called: the pool's background
/// threads may outlive any single owner, and the process exit releases everything.
/// </summary>
internal static class MongocRuntime
{
    public const int RequiredMajor = 1;
    public const int RequiredMinor = 23;

    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Idempotent and thread-safe; a load failure is cached and rethrown on every call.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    /// <summary>Loads a native library by soname, throwing the startup error the operator needs to see.</summary>
    internal static void RequireLibrary(string soname, string package)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(soname));
        }
        catch (DllNotFoundException e)
        {
            throw new MongoNativeLibraryException(
                $"libmongoc {RequiredMajor}.{RequiredMinor} (Debian package {package}) is not installed: {soname} could not be loaded: {e.Message}", e);
        }
    }

    private static bool Initialize()
    {
        RequireLibrary(LibBson.Soname, "libbson-1.0-0");
        RequireLibrary(LibMongoc.Soname, "libmongoc-1.0-0");

        var (major, minor) = (LibMongoc.GetMajorVersion(), LibMongoc.GetMinorVersion());
        if (major != RequiredMajor || minor < RequiredMinor)
        {
            throw new MongoNativeLibraryException(
                $"libmongoc {RequiredMajor}.{RequiredMinor} (Debian package libmongoc-1.0-0) is not installed: found libmongoc {major}.{minor}.");
        }

        MongocLog.Install();
        LibMongoc.Init();
        return true;
    }
}
