using System.Text.RegularExpressions;

namespace Toki.SocketIO.Admin;

/// <summary>The password check, with BCrypt.Net-Next: the hashes Node's bcrypt and bcryptjs write ($2a$, $2b$) and $2y$.</summary>
internal static partial class BcryptHash
{
    [GeneratedRegex(@"^\$2[abxy]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$")]
    private static partial Regex Format();

    public static bool IsValid(string? hash) => hash is not null && Format().IsMatch(hash);

    public static bool Verify(string? password, string hash)
    {
        if (string.IsNullOrEmpty(password) || password.Length > 1024)
        {
            return false;
        }
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }
}
