using System.Globalization;
using Toki.Calls.Ports;
using Toki.Calls.Service;

namespace Toki.Server.Http;

/// <summary>The authenticated user's API: /api/me, /api/calls (history, newest first) and /api/calls/{id}.</summary>
internal static class ApiEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static void MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", async (HttpContext context, ICallStore store, CancellationToken cancellationToken) =>
        {
            if (BearerUser.Resolve(context) is not { } userId)
            {
                return ApiErrors.Unauthorized();
            }
            var user = await store.GetUserAsync(userId, cancellationToken);
            return user is null
                ? ApiErrors.NotFound("user_not_found", "Your account is not known to the call service.")
                : Results.Json(new { userId = user.Id, name = user.Name, coins = user.Coins, heldCoins = user.HeldCoins, earnings = user.Earnings, isOnCall = user.IsOnCall, currentCallId = user.CurrentCallId });
        });

        endpoints.MapGet("/api/calls", async (HttpContext context, CallService calls, string? limit, string? before, CancellationToken cancellationToken) =>
        {
            if (BearerUser.Resolve(context) is not { } userId)
            {
                return ApiErrors.Unauthorized();
            }
            var size = DefaultPageSize;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
            {
                return ApiErrors.BadRequest("'limit' must be a positive integer.");
            }
            CallHistoryCursor? cursor = null;
            if (before is not null && !CallHistoryCursor.TryParse(before, out cursor))
            {
                return ApiErrors.BadRequest("'before' must be a cursor returned as nextCursor.");
            }
            var (page, next) = await calls.GetHistoryAsync(userId, Math.Min(size, MaxPageSize), cursor, cancellationToken);
            return Results.Json(new { calls = page, nextCursor = next });
        });

        endpoints.MapGet("/api/calls/{id}", async (HttpContext context, CallService calls, string id, CancellationToken cancellationToken) =>
        {
            if (BearerUser.Resolve(context) is not { } userId)
            {
                return ApiErrors.Unauthorized();
            }
            var call = id.Length <= 128 ? await calls.GetCallForUserAsync(userId, id, cancellationToken) : null;
            return call is null ? ApiErrors.NotFound("call_not_found", "No such call.") : Results.Json(call);
        });
    }
}
