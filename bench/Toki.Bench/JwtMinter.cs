using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Toki.Bench;

/// <summary>HS256 tokens as a MERN backend signs them (<c>{ sub, iat, exp }</c>), for both servers.</summary>
public static class JwtMinter
{
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Mint(string userId, string secret)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"sub":"{{userId}}","iat":{{now}},"exp":{{now + 3600}}}"""));
        var signed = $"{Header}.{payload}";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed));
        return $"{signed}.{Base64Url.EncodeToString(mac)}";
    }
}
