using Toki.Calls.Ports;

namespace Toki.Server.Http;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
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
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
