using Toki.Server.Identity;

namespace Toki.Server.Http;

/// <summary>The user proven by the request's <c>Authorization: Bearer</c> JWT (the same tokens as the socket).</summary>
internal static class BearerUser
{
    public static string? Resolve(HttpContext context)
    {
        var token = BearerTokenSource.Extract(null, null, context.Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return null;
        }
        var result = context.RequestServices.GetRequiredService<JwtValidator>().Validate(token);
        return result.IsValid ? result.UserId : null;
    }
}
