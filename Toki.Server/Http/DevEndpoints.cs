using System.Text.Json;
using Toki.Calls.Ports;
using Toki.Server.Identity;
using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>
/// Development only: <c>POST /api/dev/token { userId }</c> mints a token for an existing user, so the sample
/// frontend's login picker works without a separate auth backend. Never mapped outside Development.
/// </summary>
internal static class DevEndpoints
{
    public static void MapDevEndpoints(this IEndpointRouteBuilder endpoints, IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsDevelopment() || !configuration.GetValue<bool>("Dev:TokenEndpoint"))
        {
            return;
        }
        endpoints.MapPost("/api/dev/token", async (JsonElement body, ICallStore store, DevTokenIssuer issuer, CancellationToken cancellationToken) =>
        {
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("userId", out var idElement) || idElement.ValueKind != JsonValueKind.String)
            {
                return ApiErrors.BadRequest("Expected { userId: string }.");
            }
            var user = await store.GetUserAsync(idElement.GetString()!, cancellationToken);
            return user is null
                ? ApiErrors.NotFound("user_not_found", "No user with that id.")
                : Results.Json(new HttpPayloads.DevToken(issuer.Issue(user.Id, TimeSpan.FromHours(12)), user.Id, user.Name), WireJson.Context.DevToken);
        });
    }
}
