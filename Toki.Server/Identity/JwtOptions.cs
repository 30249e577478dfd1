namespace Toki.Server.Identity;

/// <summary>
/// Settings for validating the HS256 tokens minted by the application's existing backend
/// (configuration section <c>Auth</c>).
/// </summary>
internal sealed class JwtOptions
{
    public const string SectionName = "Auth";

    /// <summary>Secrets shorter than this many UTF-8 bytes work but are logged as weak (RFC 7518 §3.2).</summary>
    public const int RecommendedSecretBytes = 32;

    public static IReadOnlyList<string> DefaultUserIdClaims { get; } = ["sub", "id", "userId"];

    /// <summary>
    /// The shared secret exactly as the backend passes it to <c>jwt.sign</c>; its UTF-8 bytes are the HMAC key.
    /// Empty means no token can be validated.
    /// </summary>
    public string JwtSecret { get; set; } = "";

    /// <summary>
    /// Claims that may carry the user id, tried in order. Null means <see cref="DefaultUserIdClaims"/>.
    /// </summary>
    /// <remarks>
    /// Null rather than a pre-filled list because the configuration binder appends configured
    /// items to an existing collection instead of replacing it.
    /// </remarks>
    public IReadOnlyList<string>? UserIdClaims { get; set; }

    /// <summary>Tolerance applied to <c>exp</c> and <c>nbf</c>, like jsonwebtoken's <c>clockTolerance</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When false (the default) a token without <c>exp</c> is accepted, because jsonwebtoken only
    /// writes <c>exp</c> when the backend passes <c>expiresIn</c>.
    /// </summary>
    public bool RequireExpiration { get; set; }

    /// <summary>When set (non-empty), the token's <c>iss</c> must equal it exactly.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set (non-empty), the token's <c>aud</c> (a string or an array) must contain it exactly.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Development only: lets a client connect as <c>auth.userId</c> without any token. The validator
    /// ignores it; the connection handler honours it, and startup refuses it in Production.
    /// </summary>
    public bool AllowInsecureUserId { get; set; }
}
