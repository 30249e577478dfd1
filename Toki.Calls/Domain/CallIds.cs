using System.Buffers.Binary;

namespace Toki.Calls.Domain;

/// <summary>
/// Call ids: 24 lower-case hex characters, the creation time in unix milliseconds (6 bytes, big-endian) followed by
/// 6 random bytes. Ids made later sort after earlier ones, so a store's indexes on the id (and on the ledger keys
/// that start with it) take new calls at their end instead of at random pages: a group commit then writes a few
/// pages rather than one per call. The random half keeps ids of one millisecond apart and not guessable.
/// </summary>
public static class CallIds
{
    private const int TimeBytes = 6;
    private const int RandomBytes = 6;
    private const int IdsPerDraw = 64;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_next;

    public static string Create(DateTimeOffset now, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"A call id takes {RandomBytes} random bytes.", nameof(random));
        }
        var milliseconds = now.ToUnixTimeMilliseconds();
        if (milliseconds < 0 || milliseconds >= 1L << (8 * TimeBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, "A call id holds times from 1970 to the year 10889.");
        }
        Span<byte> bytes = stackalloc byte[TimeBytes + RandomBytes];
        Span<byte> time = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[(sizeof(long) - TimeBytes)..].CopyTo(bytes);
        random.CopyTo(bytes[TimeBytes..]);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>A new id for a call created at <paramref name="now"/>, with fresh random bytes.</summary>
    public static string New(DateTimeOffset now)
    {
        // Drawn from the system's CSPRNG for many ids at a time, per thread: one draw costs about as much as the rest of a
        // call's creation (OpenSSL's per-call overhead), and every call needs an id.
        var bytes = t_random;
        if (bytes is null || t_next == bytes.Length)
        {
            bytes = t_random ??= new byte[RandomBytes * IdsPerDraw];
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            t_next = 0;
        }
        var random = bytes.AsSpan(t_next, RandomBytes);
        t_next += RandomBytes;
        var id = Create(now, random);
        // Nothing of an id handed out stays behind in the buffer.
        random.Clear();
        return id;
    }
}
