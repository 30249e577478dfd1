namespace Toki.Server.Hosting.Transport;

/// <summary>Connection ids in Kestrel's form (13 base-32 characters of a process-wide counter), made when first asked for.</summary>
internal static class ConnectionIds
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static long _last = Random.Shared.NextInt64(1L << 40);

    public static string Next()
    {
        var id = Interlocked.Increment(ref _last);
        return string.Create(13, id, static (chars, value) =>
        {
            for (var i = chars.Length - 1; i >= 0; i--)
            {
                chars[i] = Digits[(int)(value & 31)];
                value >>= 5;
            }
        });
    }
}
