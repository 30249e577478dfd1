using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>
/// The operators' API: users (create, read, set coins) and calls (<see cref="AdminCallEndpoints"/>). Mapped only when an
/// admin key is configured; every request must carry it in <c>X-Admin-Key</c>. Every change goes through the call service.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints, AdminOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            return;
        }
        var key = Encoding.UTF8.GetBytes(options.ApiKey);
        var admin = endpoints.MapGroup("/api/admin").AddEndpointFilter(async (context, next) =>
            IsAdmin(context.HttpContext, key) ? await next(context) : ApiErrors.Unauthorized());

        admin.MapPost("/users", async (JsonElement body, ICallStore store, CancellationToken cancellationToken) =>
        {
            if (!TryReadString(body, "id", out var id) || !TryReadString(body, "name", out var name) || !TryReadCoins(body, out var coins))
            {
                return ApiErrors.BadRequest("Expected { id: string, name: string, coins: non-negative integer }.");
            }
            var user = new UserRecord { Id = id, Name = name, Coins = coins };
            return await store.CreateUserAsync(user, cancellationToken)
                ? Results.Json(AdminJson.User(user, online: false), WireJson.Context.AdminUser, statusCode: StatusCodes.Status201Created)
                : ApiErrors.Conflict("user_exists", "A user with that id already exists.");
        });

        admin.MapGet("/users/{id}", async (string id, ICallStore store, CallService calls, CancellationToken cancellationToken) =>
        {
            var user = IsId(id) ? await store.GetUserAsync(id, cancellationToken) : null;
            return user is null ? UserNotFound() : Results.Json(AdminJson.User(user, await calls.IsOnlineAnywhereAsync(user.Id, cancellationToken)), WireJson.Context.AdminUser);
        });

        admin.MapPut("/users/{id}/coins", async (string id, JsonElement body, CallService calls, CancellationToken cancellationToken) =>
        {
            if (!TryReadCoins(body, out var coins))
            {
                return ApiErrors.BadRequest("Expected { coins: non-negative integer }.");
            }
            var user = IsId(id) ? await calls.SetCoinsAsync(id, coins, cancellationToken) : null;
            return user is null ? UserNotFound() : Results.Json(AdminJson.User(user, await calls.IsOnlineAnywhereAsync(user.Id, cancellationToken)), WireJson.Context.AdminUser);
        });

        admin.MapAdminCallEndpoints();
    }

    /// <summary>An id as the API accepts one: non-empty, at most 128 characters.</summary>
    public static bool IsId(string? value) => value is { Length: > 0 and <= 128 };

    private static IResult UserNotFound() => ApiErrors.NotFound("user_not_found", "No user with that id.");

    private static bool IsAdmin(HttpContext context, byte[] key)
    {
        var presented = Encoding.UTF8.GetBytes(context.Request.Headers["X-Admin-Key"].ToString());
        return CryptographicOperations.FixedTimeEquals(presented, key);
    }

    internal static bool TryReadString(JsonElement body, string field, out string value)
    {
        value = "";
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = element.GetString()!.Trim();
        return value.Length is > 0 and <= 128;
    }

    private static bool TryReadCoins(JsonElement body, out long coins)
    {
        coins = 0;
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("coins", out var element)
            && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out coins) && coins >= 0;
    }
}
