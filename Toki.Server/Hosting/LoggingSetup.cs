using NLog;
using NLog.Config;
using NLog.Extensions.Logging;
using NLog.Layouts;
using NLog.Targets;
using Toki.Server.Audit;

namespace Toki.Server.Hosting;

/// <summary>
/// NLog as the backend: one console target, structured JSON (every event property, e.g. CallId, Verdict)
/// unless <c>Logging:Format</c> is "text"; levels come from the usual <c>Logging:LogLevel</c> section. The call
/// audit log (<see cref="CallAuditLog.Category"/>) goes only to a target of its own: JSON lines in the file
/// <c>Logging:CallAudit:Path</c>, or, when that is empty, JSON lines on the console.
/// </summary>
internal static class LoggingSetup
{
    public static void UseNLog(WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        Layout layout = format == "text"
            ? "${date:format=HH\\:mm\\:ss.fff} ${level:uppercase=true:padding=-5} ${logger:shortName=true}: ${message}${onexception:${newline}${exception:format=tostring}}"
            : new JsonLayout
            {
                IncludeEventProperties = true,
                Attributes =
                {
                    new JsonAttribute("time", "${date:universalTime=true:format=o}"),
                    new JsonAttribute("level", "${level:lowercase=true}"),
                    new JsonAttribute("logger", "${logger}"),
                    new JsonAttribute("message", "${message}"),
                    new JsonAttribute("exception", "${exception:format=tostring}"),
                },
            };
        var config = Configure(layout, builder.Configuration["Logging:CallAudit:Path"], builder.Environment.ContentRootPath);
        builder.Logging.ClearProviders();
        // No layout prints scopes, so none are captured: Kestrel and hosting would otherwise keep two scope states
        // alive in the ExecutionContext of every connection for its whole life (every WebSocket).
        builder.Logging.AddNLog(config, new NLogProviderOptions { RemoveLoggerFactoryFilter = false, IncludeScopes = false });
    }

    /// <summary>The targets and rules: the audit category to its own target only, everything else to the console.</summary>
    internal static LoggingConfiguration Configure(Layout layout, string? auditPath, string contentRoot, LogFactory? factory = null)
    {
        var config = factory is null ? new LoggingConfiguration() : new LoggingConfiguration(factory);
        var audit = AuditTarget(auditPath, contentRoot);
        config.AddRule(NLog.LogLevel.Trace, NLog.LogLevel.Fatal, audit, CallAuditLog.Category, final: true);
        config.AddRule(NLog.LogLevel.Trace, NLog.LogLevel.Fatal, new ConsoleTarget("console") { Layout = layout });
        return config;
    }

    private static Target AuditTarget(string? path, string contentRoot)
    {
        var layout = new JsonLayout
        {
            IncludeEventProperties = true,
            ExcludeProperties = { "EventId" },
            Attributes =
            {
                new JsonAttribute("time", "${date:universalTime=true:format=o}"),
                new JsonAttribute("event", "call_transition"),
            },
        };
        if (string.IsNullOrWhiteSpace(path))
        {
            return new ConsoleTarget("callAudit") { Layout = layout };
        }
        return new FileTarget("callAudit")
        {
            FileName = Path.GetFullPath(Path.Combine(contentRoot, path)),
            Layout = layout,
            ArchiveAboveSize = 100 * 1024 * 1024,
            MaxArchiveFiles = 30,
        };
    }
}
