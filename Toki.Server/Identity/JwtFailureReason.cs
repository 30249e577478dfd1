namespace Toki.Server.Identity;

/// <summary>Why a token was refused. Every reason maps to the wire error <c>unauthorized</c>; the reason is for logs.</summary>
internal enum JwtFailureReason
{
    None = 0,

    /// <summary>No token was given (null or empty).</summary>
    Missing,

    /// <summary>Longer than <see cref="JwtValidator.MaxTokenLength"/> characters.</summary>
    TooLarge,

    /// <summary>
    /// Not three non-empty strict base64url segments, a header or payload that is not a JSON object
    /// (or repeats a property), or an <c>exp</c>/<c>nbf</c> that is not a finite number.
    /// </summary>
    Malformed,

    /// <summary><c>alg</c> missing or anything but exactly <c>HS256</c> (including <c>none</c>).</summary>
    UnsupportedAlgorithm,

    /// <summary><c>typ</c> present but not <c>JWT</c>, or a <c>crit</c> header we cannot honour.</summary>
    UnsupportedHeader,

    BadSignature,
    Expired,
    NotYetValid,

    /// <summary>No <c>exp</c> while <see cref="JwtOptions.RequireExpiration"/> is set.</summary>
    MissingExpiration,

    WrongIssuer,
    WrongAudience,

    /// <summary>None of the configured user id claims is present.</summary>
    MissingUserId,

    /// <summary>The first configured user id claim present holds no non-blank string or integer (later ones are not read).</summary>
    InvalidUserId,

    /// <summary>No secret is configured, so no token can be trusted.</summary>
    NotConfigured,
}
