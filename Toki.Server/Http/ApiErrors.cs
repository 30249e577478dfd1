namespace Toki.Server.Http;

/// <summary>HTTP error bodies, shaped like the socket's: <c>{ error: { code, message } }</c>.</summary>
internal static class ApiErrors
{
    public static IResult Unauthorized() =>
        Results.Json(new { error = new { code = "unauthorized", message = "A valid Bearer token is required." } }, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult NotFound(string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: StatusCodes.Status404NotFound);

    public static IResult BadRequest(string message) =>
        Results.Json(new { error = new { code = "invalid_payload", message } }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Conflict(string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: StatusCodes.Status409Conflict);
}
