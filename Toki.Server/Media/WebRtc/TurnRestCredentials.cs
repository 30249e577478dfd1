using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Toki.Server.Media.WebRtc;

/// <summary>
/// Time-limited TURN credentials of the "TURN REST API" scheme that coturn checks with <c>use-auth-secret</c>:
/// username <c>"&lt;expiry unix seconds&gt;:&lt;userId&gt;"</c>, credential
/// <c>base64(HMAC-SHA1(key = shared secret, message = username))</c>, both UTF-8.
/// </summary>
internal static class TurnRestCredentials
{
    /// <summary>STUN limits the USERNAME attribute to fewer than 513 bytes (RFC 8489 section 14.3).</summary>
    public const int MaximumUsernameBytes = 512;

    public static (string Username, string Credential) Compute(string sharedSecret, string userId,
        long expiryUnixSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(sharedSecret);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(expiryUnixSeconds);

        var username = expiryUnixSeconds.ToString(CultureInfo.InvariantCulture) + ":" + userId;
        var usernameBytes = Encoding.UTF8.GetBytes(username);
        if (usernameBytes.Length > MaximumUsernameBytes)
        {
            throw new ArgumentException(
                $"The TURN username would be {usernameBytes.Length} bytes; at most {MaximumUsernameBytes} are allowed.",
                nameof(userId));
        }
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(sharedSecret), usernameBytes);
        return (username, Convert.ToBase64String(mac));
    }
}
