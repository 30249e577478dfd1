using System.Buffers.Text;
using System.Security.Cryptography;

namespace Toki.EngineIO;

/// <summary>
/// Unguessable ids (Engine.IO session ids, Socket.IO socket ids and recovery ids): 120 bits from the system's CSPRNG as
/// 20 base64url characters. The bytes are drawn from the generator for many ids at a time, per thread: each draw is a
/// call into the native crypto library that costs about as much as hashing a token, and a connect needs three ids.
/// </summary>
public static class RandomIds
{
    /// <summary>The characters of an id.</summary>
    public const int Length = 20;

    private const int IdBytes = 15;
    private const int IdsPerDraw = 32;

    [ThreadStatic]
    private static byte[]? t_bytes;

    [ThreadStatic]
    private static int t_next;

    public static string New()
    {
        var bytes = t_bytes;
        if (bytes is null || t_next == bytes.Length)
        {
            bytes = t_bytes ??= new byte[IdBytes * IdsPerDraw];
            RandomNumberGenerator.Fill(bytes);
            t_next = 0;
        }
        var id = bytes.AsSpan(t_next, IdBytes);
        t_next += IdBytes;
        var text = Base64Url.EncodeToString(id);
        // Nothing of an id handed out stays behind in the buffer.
        id.Clear();
        return text;
    }
}
