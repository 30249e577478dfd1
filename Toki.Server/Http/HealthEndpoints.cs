using Toki.Calls.Ports;
using Toki.Server.Hosting;

namespace Toki.Server.Http;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The cluster part says whether this server reaches Redis; it stays "ok" either way (it still serves its own clients).
        endpoints.MapGet("/healthz", (TokiCluster cluster) => cluster.Redis is { } redis
            ? Results.Json(new { status = "ok", cluster = new { mode = redis.Mode.ToString().ToLowerInvariant(), redis = redis.IsConnected ? "connected" : "disconnected" } })
            : Results.Json(new { status = "ok" }));
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
