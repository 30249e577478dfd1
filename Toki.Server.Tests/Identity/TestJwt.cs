using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Toki.Server.Identity;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Identity;

/// <summary>Builds tokens by hand (with the framework's own base64url encoder) to reach cases no library would mint.</summary>
internal static class TestJwt
{
    public const string Secret = "toki-test-secret-of-at-least-32-bytes";
    public const string Hs256Header = """{"alg":"HS256","typ":"JWT"}""";

    /// <summary>2023-11-14T22:13:20Z, the "now" of most tests.</summary>
    public const long Now = 1_700_000_000;

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Sign(string payloadJson, string headerJson = Hs256Header, string secret = Secret) =>
        SignSegments(Encode(headerJson), Encode(payloadJson), secret);

    /// <summary>Appends an HS256 signature over exactly the given (possibly malformed) segments.</summary>
    public static string SignSegments(string header, string payload, string secret = Secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>One comparable string per outcome: "user 42" or the failure reason's name.</summary>
    public static string Outcome(JwtValidationResult result) =>
        result.IsValid ? User(result.UserId) : result.Reason.ToString();

    public static string User(string userId) => $"user {userId}";

    public static JwtValidator Validator(JwtOptions? options = null, double nowUnixSeconds = Now) =>
        new(Options.Create(options ?? new JwtOptions { JwtSecret = Secret }),
            new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(nowUnixSeconds * TimeSpan.TicksPerSecond))));
}
