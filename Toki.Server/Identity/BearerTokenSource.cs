using System.Text.Json;

namespace Toki.Server.Identity;

/// <summary>Finds the client's token in the places a Socket.IO or HTTP client may put it.</summary>
internal static class BearerTokenSource
{
    private const string BearerScheme = "Bearer";

    /// <summary>
    /// Returns the first token found, trying in order the Socket.IO CONNECT <c>auth.token</c> (a string),
    /// the <c>token</c> query parameter, then an <c>Authorization: Bearer</c> header (scheme case-insensitive).
    /// A source that is absent, blank or of the wrong shape is skipped. The token is returned verbatim;
    /// only the header value is trimmed of the spaces and tabs HTTP allows around it.
    /// </summary>
    public static string? Extract(JsonElement? auth, string? queryToken, string? authorizationHeader) =>
        FromAuth(auth) ?? FromQuery(queryToken) ?? FromAuthorizationHeader(authorizationHeader);

    /// <summary>
    /// <see cref="Extract"/> with the query and header looked up only when the sources before them have no token (the
    /// Socket.IO connect path, where <c>auth.token</c> nearly always has it).
    /// </summary>
    public static string? Extract<TState>(JsonElement? auth, TState state, Func<TState, string?> queryToken,
        Func<TState, string?> authorizationHeader) =>
        FromAuth(auth) ?? FromQuery(queryToken(state)) ?? FromAuthorizationHeader(authorizationHeader(state));

    private static string? FromAuth(JsonElement? auth) =>
        auth is { ValueKind: JsonValueKind.Object } authObject
        && authObject.TryGetProperty("token", out var token)
        && token.ValueKind == JsonValueKind.String
        && ReadString(token) is { } authToken
        && !string.IsNullOrWhiteSpace(authToken)
            ? authToken
            : null;

    private static string? FromQuery(string? queryToken) => string.IsNullOrWhiteSpace(queryToken) ? null : queryToken;

    /// <summary>Null for a string whose escapes are not valid UTF-16 (a lone "\uD800"), which GetString throws on.</summary>
    private static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FromAuthorizationHeader(string? header)
    {
        var value = header.AsSpan().Trim(" \t");
        if (value.Length <= BearerScheme.Length
            || !value.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            || value[BearerScheme.Length] != ' ')
        {
            return null;
        }
        var credentials = value[BearerScheme.Length..].TrimStart(' ');
        return credentials.IsEmpty ? null : credentials.ToString();
    }
}
