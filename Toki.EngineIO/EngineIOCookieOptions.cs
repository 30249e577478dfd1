using System.Text;

namespace Toki.EngineIO;

/// <summary>
/// The cookie the handshake answer sets to the session id (engine.io's <c>cookie</c> option), so that a load balancer
/// can keep a long-polling client on the server that holds its session. The defaults are engine.io's:
/// <c>io=&lt;sid&gt;; Path=/; HttpOnly; SameSite=Lax</c>.
/// </summary>
public sealed class EngineIOCookieOptions
{
    public string Name { get; set; } = "io";

    public string Path { get; set; } = "/";

    public bool HttpOnly { get; set; } = true;

    /// <summary>Strict, Lax or None (None needs <see cref="Secure"/>); null leaves the attribute out.</summary>
    public string? SameSite { get; set; } = "Lax";

    public bool Secure { get; set; }

    public string? Domain { get; set; }

    internal string Serialize(string sessionId)
    {
        var cookie = new StringBuilder(64).Append(Name).Append('=').Append(sessionId);
        if (!string.IsNullOrEmpty(Domain))
        {
            cookie.Append("; Domain=").Append(Domain);
        }
        if (!string.IsNullOrEmpty(Path))
        {
            cookie.Append("; Path=").Append(Path);
        }
        if (HttpOnly)
        {
            cookie.Append("; HttpOnly");
        }
        if (Secure)
        {
            cookie.Append("; Secure");
        }
        if (!string.IsNullOrEmpty(SameSite))
        {
            cookie.Append("; SameSite=").Append(SameSite);
        }
        return cookie.ToString();
    }
}
