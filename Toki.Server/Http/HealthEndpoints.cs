using Microsoft.AspNetCore.Mvc;
using Toki.Calls.Ports;
using Toki.Server.Hosting;
using Toki.Server.Wire;

namespace Toki.Server.Http;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The cluster part says whether this server reaches Redis; it stays "ok" either way (it still serves its own clients).
        // Optional, so that a host mapping only these endpoints (no cluster registered) still answers.
        endpoints.MapGet("/healthz", ([FromServices] TokiCluster? cluster) => Results.Json(new HttpPayloads.Health("ok", cluster?.Redis is { } redis
            ? new HttpPayloads.ClusterHealth(redis.Mode.ToString().ToLowerInvariant(), redis.IsConnected ? "connected" : "disconnected")
            : null), WireJson.Context.Health));
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
