using NLog;
using NLog.Config;
using NLog.Extensions.Logging;
using NLog.Layouts;
using NLog.Targets;

namespace Toki.Server.Hosting;

/// <summary>
/// NLog as the backend: one console target, structured JSON (every event property, e.g. CallId, Verdict)
/// unless <c>Logging:Format</c> is "text"; levels come from the usual <c>Logging:LogLevel</c> section.
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
        var config = new LoggingConfiguration();
        var console = new ConsoleTarget("console") { Layout = layout };
        config.AddRule(NLog.LogLevel.Trace, NLog.LogLevel.Fatal, console);
        builder.Logging.ClearProviders();
        // No layout prints scopes, so none are captured: Kestrel and hosting would otherwise keep two scope states
        // alive in the ExecutionContext of every connection for its whole life (every WebSocket).
        builder.Logging.AddNLog(config, new NLogProviderOptions { RemoveLoggerFactoryFilter = false, IncludeScopes = false });
    }
}
