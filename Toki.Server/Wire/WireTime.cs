using System.Globalization;

namespace Toki.Server.Wire;

/// <summary>Every timestamp on the wire: ISO-8601 UTC with milliseconds, e.g. 2030-01-01T10:00:00.000Z.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
