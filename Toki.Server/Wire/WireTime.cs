using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>Every timestamp on the wire: ISO-8601 UTC with milliseconds, e.g. 2030-01-01T10:00:00.000Z.</summary>
internal static class WireTime
{
    /// <summary>The length of every wire timestamp, in characters and in UTF-8 bytes.</summary>
    public const int Length = 24;

    public static string Format(DateTimeOffset value) =>
        string.Create(Length, value, static (chars, time) =>
        {
            Span<byte> utf8 = stackalloc byte[Length];
            Write(time, utf8);
            for (var i = 0; i < Length; i++)
            {
                chars[i] = (char)utf8[i];
            }
        });

    /// <summary>
    /// Writes the timestamp as UTF-8 into the first <see cref="Length"/> bytes of <paramref name="destination"/>. Digit by
    /// digit rather than through a custom format string: a call snapshot carries up to a dozen of these, and the
    /// format-string path was the costliest part of encoding one. Milliseconds are truncated, as "fff" does.
    /// </summary>
    public static void Write(DateTimeOffset value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        var utc = value.UtcDateTime;
        utc.Deconstruct(out int year, out int month, out int day);
        var timeOfDay = utc.Ticks % TimeSpan.TicksPerDay;
        var milliseconds = (int)(timeOfDay / TimeSpan.TicksPerMillisecond);
        Digits(destination[..4], year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), milliseconds / 3_600_000);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), milliseconds / 60_000 % 60);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), milliseconds / 1000 % 60);
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 3), milliseconds % 1000);
        destination[23] = (byte)'Z';
    }

    /// <summary>Writes the timestamp as a JSON string value.</summary>
    public static void WriteJson(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        Write(value, utf8);
        writer.WriteStringValue(utf8);
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
