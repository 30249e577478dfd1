namespace Toki.Server.Tests.Identity;

/// <summary>
/// One row of the jsonwebtoken compatibility table: how the token is made (signed by jsonwebtoken, or a
/// jsonwebtoken token altered afterwards), what our validator is configured with and the time it sees,
/// and the outcomes expected from our validator and from jsonwebtoken's own verify.
/// </summary>
internal sealed record NodeJwtCase(string Name, string Expected, bool JsonwebtokenAccepts)
{
    public const string Secret = "backend-secret-shared-with-toki-0123456789";

    /// <summary>Every payload pins <c>iat</c> here so that expiresIn and notBefore land on known seconds.</summary>
    public const long IssuedAt = 1_700_000_000;

    public string PayloadJson { get; init; } = "{}";

    /// <summary>The <c>jwt.sign</c> options object, as JSON.</summary>
    public string SignOptionsJson { get; init; } = "{}";

    /// <summary>Null signs without a key (only for <c>algorithm: 'none'</c>).</summary>
    public string? SigningSecret { get; init; } = Secret;

    /// <summary>"rsa" signs with a freshly generated RSA private key instead of the secret.</summary>
    public string? SigningKey { get; init; }

    /// <summary>Name of the case whose token is altered, for tampered rows.</summary>
    public string? TamperOf { get; init; }

    public Func<string, string>? Tamper { get; init; }

    public string ValidatorSecret { get; init; } = Secret;
    public long SecondsAfterIssue { get; init; }
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
    public bool RequireExpiration { get; init; }

    public long Now => IssuedAt + SecondsAfterIssue;

    public override string ToString() => Name;
}
