using System.Security.Cryptography;
using System.Text;
using Toki.Server.Http;

namespace Toki.Server.Observability;

/// <summary><c>GET /metrics</c> in the Prometheus text format, mapped only when <see cref="MetricsOptions.Enabled"/>.</summary>
internal static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder endpoints, MetricsOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }
        var key = string.IsNullOrEmpty(options.ApiKey) ? null : Encoding.UTF8.GetBytes("Bearer " + options.ApiKey);
        endpoints.MapGet(options.Path, async (HttpContext context, PrometheusExporter exporter) =>
        {
            if (key is not null && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), key))
            {
                await ApiErrors.Unauthorized().ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await exporter.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
