using System.Buffers;
using System.Globalization;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>The authenticated user's API: /api/me, /api/calls (history, newest first) and /api/calls/{id}.</summary>
internal static class ApiEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const int MaxPageDigits = 3;
    private static readonly SearchValues<char> DecimalDigits = SearchValues.Create("0123456789");

    /// <summary>
    /// The page size for <c>?limit=</c>: absent gives the default; a positive decimal integer (ASCII digits only) is
    /// clamped to <see cref="MaxPageSize"/> however many digits it has; anything else (0, a sign, a fraction,
    /// spaces, letters, an empty value) is null, a 400.
    /// </summary>
    internal static int? PageSize(string? limit)
    {
        if (limit is null)
        {
            return DefaultPageSize;
        }
        if (limit.Length == 0 || limit.AsSpan().ContainsAnyExcept(DecimalDigits))
        {
            return null;
        }
        var significant = limit.AsSpan().TrimStart('0');
        if (significant.IsEmpty)
        {
            return null;
        }
        // More digits than MaxPageSize has are above it, however long the value: clamp without parsing an overflow.
        return significant.Length > MaxPageDigits ? MaxPageSize : Math.Min(int.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture), MaxPageSize);
    }

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
                : Results.Json(HttpPayloads.User.From(user), WireJson.Context.User);
        });

        endpoints.MapGet("/api/calls", async (HttpContext context, CallService calls, string? limit, string? before, CancellationToken cancellationToken) =>
        {
            if (BearerUser.Resolve(context) is not { } userId)
            {
                return ApiErrors.Unauthorized();
            }
            if (PageSize(limit) is not { } size)
            {
                return ApiErrors.BadRequest("'limit' must be a positive integer.");
            }
            CallHistoryCursor? cursor = null;
            if (before is not null && !CallHistoryCursor.TryParse(before, out cursor))
            {
                return ApiErrors.BadRequest("'before' must be a cursor returned as nextCursor.");
            }
            var (page, next) = await calls.GetHistoryAsync(userId, size, cursor, cancellationToken);
            return Results.Json(new HttpPayloads.CallHistory(page, next), WireJson.Context.CallHistory);
        });

        endpoints.MapGet("/api/calls/{id}", async (HttpContext context, CallService calls, string id, CancellationToken cancellationToken) =>
        {
            if (BearerUser.Resolve(context) is not { } userId)
            {
                return ApiErrors.Unauthorized();
            }
            var call = id.Length <= 128 ? await calls.GetCallForUserAsync(userId, id, cancellationToken) : null;
            return call is null ? ApiErrors.NotFound("call_not_found", "No such call.") : Results.Json(call, WireJson.Context.CallSnapshot);
        });
    }
}
