using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Toki.Server.Identity;

/// <summary>
/// Signs HS256 tokens for the development login picker, exactly as a MERN backend's jsonwebtoken would
/// (<c>sub</c>, <c>iat</c>, <c>exp</c>). Only reachable through the development endpoint.
/// </summary>
internal sealed class DevTokenIssuer(IOptions<JwtOptions> options, TimeProvider time)
{
    public string Issue(string userId, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["iat"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        }));
        var signingInput = $"{header}.{payload}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.JwtSecret), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
