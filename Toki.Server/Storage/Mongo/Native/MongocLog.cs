using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// Routes libmongoc's process-wide log (which otherwise goes to stderr, including the Debian build's DEBUG lines from
/// the pool's monitor threads) to an <see cref="ILogger"/>. Until <see cref="SetLogger"/> is called it is discarded.
/// </summary>
internal static unsafe class MongocLog
{
    private static ILogger logger = NullLogger.Instance;

    public static void SetLogger(ILogger target) => Volatile.Write(ref logger, target);

    internal static void Install() =>
        LibMongoc.LogSetHandler(&Handle, IntPtr.Zero);

    internal static LogLevel ToLogLevel(int mongocLevel) => mongocLevel switch
    {
        0 => LogLevel.Error,
        1 => LogLevel.Critical,
        2 => LogLevel.Warning,
        3 or 4 => LogLevel.Information,
        5 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    // Called on libmongoc's threads (including background monitors); it must never throw into native code.
    [UnmanagedCallersOnly]
    private static void Handle(int level, byte* domain, byte* message, nint userData)
    {
        try
        {
            var target = Volatile.Read(ref logger);
            var logLevel = ToLogLevel(level);
            if (target.IsEnabled(logLevel))
            {
                target.Log(
                    logLevel,
                    "libmongoc [{Domain}] {Message}",
                    Marshal.PtrToStringUTF8((nint)domain),
                    Marshal.PtrToStringUTF8((nint)message));
            }
        }
        catch (Exception)
        {
            // Nothing may propagate into libmongoc; a failing logger loses the line.
        }
    }
}
