using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>HTTP error bodies, shaped like the socket's: <c>{ error: { code, message } }</c>.</summary>
internal static class ApiErrors
{
    public static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, "unauthorized", "A valid Bearer token is required.");

    public static IResult NotFound(string code, string message) => Error(StatusCodes.Status404NotFound, code, message);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "invalid_payload", message);

    public static IResult Conflict(string code, string message) => Error(StatusCodes.Status409Conflict, code, message);

    public static IResult Error(int statusCode, string code, string message) =>
        Results.Json(new HttpPayloads.ErrorBody(new WireError(code, message)), WireJson.Context.ErrorBody, statusCode: statusCode);
}
