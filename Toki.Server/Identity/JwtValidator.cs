using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Toki.Server.Identity;

/// <summary>
/// Validates HS256 JSON Web Tokens as minted by npm <c>jsonwebtoken</c> with a string secret.
/// Never throws for a bad token; the result carries the reason.
/// </summary>
/// <remarks>
/// Checks, in order: size, structure, header (<c>alg</c>, <c>typ</c>, <c>crit</c>), signature, then
/// <c>exp</c>, <c>nbf</c>, <c>iss</c>, <c>aud</c> and the user id. <c>iat</c> is not checked, as in
/// jsonwebtoken's verify: a future <c>iat</c> only reveals a drifting clock on the issuer.
/// <c>typ</c> may be absent or "JWT" in any case (jsonwebtoken writes "JWT"); unlike jsonwebtoken we refuse
/// other types such as "at+jwt", so tokens minted for another purpose with the same secret do not pass.
/// </remarks>
internal sealed class JwtValidator
{
    /// <summary>8 KiB: far above real tokens, small enough to bound work on hostile input.</summary>
    public const int MaxTokenLength = 8 * 1024;

    // Real headers are ~36 characters ({"alg":"HS256","typ":"JWT"}); a longer one is checked every time.
    private const int MaxRememberedHeaderLength = 256;

    private readonly byte[] _key;
    private readonly PooledHmacSha256 _mac;
    private readonly IReadOnlyList<string> _userIdClaims;
    private readonly double _skewSeconds;
    private readonly bool _requireExpiration;
    private readonly string? _issuer;
    private readonly string? _audience;
    private readonly TimeProvider _time;

    // The header segment of the last token that passed the signature check: an issuer signs every token with the same
    // header, and CheckHeader is a pure function of its text, so a match skips decoding and parsing it again.
    private volatile string? _lastGoodHeader;

    public JwtValidator(IOptions<JwtOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        _key = Encoding.UTF8.GetBytes(settings.JwtSecret);
        _mac = new PooledHmacSha256(_key);
        _userIdClaims = settings.UserIdClaims ?? JwtOptions.DefaultUserIdClaims;
        _skewSeconds = settings.ClockSkew.TotalSeconds;
        _requireExpiration = settings.RequireExpiration;
        _issuer = string.IsNullOrEmpty(settings.Issuer) ? null : settings.Issuer;
        _audience = string.IsNullOrEmpty(settings.Audience) ? null : settings.Audience;
        _time = timeProvider;
    }

    public JwtValidationResult Validate(string? token)
    {
        if (_key.Length == 0)
        {
            // An empty HMAC key is one anybody can sign with.
            return Fail(JwtFailureReason.NotConfigured);
        }
        if (string.IsNullOrEmpty(token))
        {
            return Fail(JwtFailureReason.Missing);
        }
        if (token.Length > MaxTokenLength)
        {
            return Fail(JwtFailureReason.TooLarge);
        }

        var firstDot = token.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return Fail(JwtFailureReason.Malformed);
        }
        var headerText = token.AsSpan(0, firstDot);
        var payloadText = token.AsSpan(firstDot + 1, secondDot - firstDot - 1);
        var signatureText = token.AsSpan(secondDot + 1);

        var knownHeader = _lastGoodHeader is { } lastGood && headerText.SequenceEqual(lastGood);
        var headerFailure = knownHeader ? JwtFailureReason.None : CheckHeader(headerText);
        if (headerFailure != JwtFailureReason.None)
        {
            return Fail(headerFailure);
        }
        if (payloadText.IsEmpty || !Base64UrlStrict.TryDecode(payloadText, out var payloadBytes)
            || signatureText.IsEmpty || !Base64UrlStrict.TryDecode(signatureText, out var signature))
        {
            return Fail(JwtFailureReason.Malformed);
        }
        if (!SignatureMatches(token.AsSpan(0, secondDot), signature))
        {
            return Fail(JwtFailureReason.BadSignature);
        }
        if (!knownHeader && headerText.Length <= MaxRememberedHeaderLength)
        {
            _lastGoodHeader = headerText.ToString();
        }

        using var payload = JwtJson.TryParseObject(payloadBytes);
        if (payload is null)
        {
            return Fail(JwtFailureReason.Malformed);
        }
        var claims = payload.RootElement;
        var failure = CheckTimes(claims);
        if (failure == JwtFailureReason.None)
        {
            failure = CheckIssuerAndAudience(claims);
        }
        if (failure != JwtFailureReason.None)
        {
            return Fail(failure);
        }
        var (userId, idFailure) = FindUserId(claims);
        return userId is null
            ? Fail(idFailure)
            : JwtValidationResult.Success(userId, claims.Clone());
    }

    private static JwtValidationResult Fail(JwtFailureReason reason) => JwtValidationResult.Failure(reason);

    private static JwtFailureReason CheckHeader(ReadOnlySpan<char> headerText)
    {
        if (headerText.IsEmpty || !Base64UrlStrict.TryDecode(headerText, out var headerBytes))
        {
            return JwtFailureReason.Malformed;
        }
        using var header = JwtJson.TryParseObject(headerBytes);
        if (header is null)
        {
            return JwtFailureReason.Malformed;
        }
        var root = header.RootElement;
        if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
            || !alg.ValueEquals("HS256"))
        {
            return JwtFailureReason.UnsupportedAlgorithm;
        }
        if (root.TryGetProperty("typ", out var typ)
            && (typ.ValueKind != JsonValueKind.String
                || !string.Equals(typ.GetString(), "JWT", StringComparison.OrdinalIgnoreCase)))
        {
            return JwtFailureReason.UnsupportedHeader;
        }
        // RFC 7515 §4.1.11: extensions listed in crit must be understood, and we understand none.
        return root.TryGetProperty("crit", out _) ? JwtFailureReason.UnsupportedHeader : JwtFailureReason.None;
    }

    private bool SignatureMatches(ReadOnlySpan<char> signingInput, byte[] signature)
    {
        // The signing input was checked to be base64url, so it is ASCII.
        var rented = ArrayPool<byte>.Shared.Rent(signingInput.Length);
        try
        {
            var input = rented.AsSpan(0, Encoding.ASCII.GetBytes(signingInput, rented));
            Span<byte> expected = stackalloc byte[PooledHmacSha256.HashBytes];
            _mac.Compute(input, expected);
            return CryptographicOperations.FixedTimeEquals(expected, signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private JwtFailureReason CheckTimes(JsonElement claims)
    {
        var now = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;

        if (claims.TryGetProperty("exp", out var expElement))
        {
            if (!TryGetSeconds(expElement, out var exp))
            {
                return JwtFailureReason.Malformed;
            }
            // Same boundary as jsonwebtoken: expired once now >= exp + tolerance.
            if (now >= exp + _skewSeconds)
            {
                return JwtFailureReason.Expired;
            }
        }
        else if (_requireExpiration)
        {
            return JwtFailureReason.MissingExpiration;
        }

        if (claims.TryGetProperty("nbf", out var nbfElement))
        {
            if (!TryGetSeconds(nbfElement, out var nbf))
            {
                return JwtFailureReason.Malformed;
            }
            if (nbf > now + _skewSeconds)
            {
                return JwtFailureReason.NotYetValid;
            }
        }
        return JwtFailureReason.None;
    }

    private static bool TryGetSeconds(JsonElement element, out double seconds)
    {
        seconds = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out seconds)
            && double.IsFinite(seconds);
    }

    private JwtFailureReason CheckIssuerAndAudience(JsonElement claims)
    {
        if (_issuer is not null
            && !(claims.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String
                 && iss.ValueEquals(_issuer)))
        {
            return JwtFailureReason.WrongIssuer;
        }
        if (_audience is not null
            && !(claims.TryGetProperty("aud", out var aud) && ContainsAudience(aud, _audience)))
        {
            return JwtFailureReason.WrongAudience;
        }
        return JwtFailureReason.None;
    }

    private static bool ContainsAudience(JsonElement aud, string expected) => aud.ValueKind switch
    {
        JsonValueKind.String => aud.ValueEquals(expected),
        JsonValueKind.Array => aud.EnumerateArray()
            .Any(item => item.ValueKind == JsonValueKind.String && item.ValueEquals(expected)),
        _ => false,
    };

    /// <summary>
    /// The first configured claim present in the token decides, whatever its value: an unusable one (empty, blank,
    /// null, fractional...) refuses the token rather than falling through to the next claim, so a token whose
    /// issuer left <c>sub</c> empty can never be read as whoever its <c>id</c> or <c>userId</c> names.
    /// </summary>
    private (string? UserId, JwtFailureReason Failure) FindUserId(JsonElement claims)
    {
        foreach (var name in _userIdClaims)
        {
            if (claims.TryGetProperty(name, out var value))
            {
                return TryReadUserId(value) is { } userId ? (userId, JwtFailureReason.None) : (null, JwtFailureReason.InvalidUserId);
            }
        }
        return (null, JwtFailureReason.MissingUserId);
    }

    /// <summary>A non-blank string as is, or an integral number in its invariant spelling (42.0 and 4.2e1 give "42").</summary>
    private static string? TryReadUserId(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString();
                return string.IsNullOrWhiteSpace(text) ? null : text;
            case JsonValueKind.Number:
                if (value.TryGetDecimal(out var number) && number == decimal.Truncate(number)
                    && number is >= long.MinValue and <= long.MaxValue)
                {
                    return ((long)number).ToString(CultureInfo.InvariantCulture);
                }
                return null;
            default:
                return null;
        }
    }
}
