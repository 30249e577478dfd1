using System.Globalization;

namespace Toki.Calls.Service;

/// <summary>Every timestamp on the wire: ISO-8601 UTC with milliseconds, e.g. 2030-01-01T10:00:00.000Z.</summary>
public static class WireTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
