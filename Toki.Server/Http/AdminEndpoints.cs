using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Toki.Calls.Domain;
using Toki.Calls.Notices;
using Toki.Calls.Ports;
using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>
/// User administration for the embedded store: create a user, set coins. Mapped only when an admin key is
/// configured; every request must carry it in <c>X-Admin-Key</c>.
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
                ? Results.Json(HttpPayloads.User.From(user), WireJson.Context.User, statusCode: StatusCodes.Status201Created)
                : ApiErrors.Conflict("user_exists", "A user with that id already exists.");
        });

        admin.MapPut("/users/{id}/coins", async (string id, JsonElement body, ICallStore store, ICallNotifier notifier, CancellationToken cancellationToken) =>
        {
            if (!TryReadCoins(body, out var coins))
            {
                return ApiErrors.BadRequest("Expected { coins: non-negative integer }.");
            }
            var user = await store.SetCoinsAsync(id, coins, cancellationToken);
            if (user is null)
            {
                return ApiErrors.NotFound("user_not_found", "No user with that id.");
            }
            notifier.Notify(new NoticeRecipient.User(user.Id), new CallNotice.WalletUpdated(user.Coins, user.HeldCoins, user.Earnings));
            return Results.Json(HttpPayloads.User.From(user), WireJson.Context.User);
        });
    }

    private static bool IsAdmin(HttpContext context, byte[] key)
    {
        var presented = Encoding.UTF8.GetBytes(context.Request.Headers["X-Admin-Key"].ToString());
        return CryptographicOperations.FixedTimeEquals(presented, key);
    }

    private static bool TryReadString(JsonElement body, string field, out string value)
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
