using Toki.Calls.Ports;
using Toki.Server.Wire;

namespace Toki.Server.Http;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new HttpPayloads.Health("ok"), WireJson.Context.Health));
        endpoints.MapGet("/readyz", async (ICallStore store, CancellationToken cancellationToken) =>
        {
            bool ready;
            try
            {
                ready = await store.PingAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                ready = false;
            }
            return ready
                ? Results.Json(new HttpPayloads.Health("ready"), WireJson.Context.Health)
                : Results.Json(new HttpPayloads.Health("unavailable"), WireJson.Context.Health, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
