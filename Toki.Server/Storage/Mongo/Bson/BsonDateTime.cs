namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// Conversions between <see cref="DateTimeOffset"/> and BSON UTC datetimes (signed milliseconds since the Unix epoch).
/// Both directions refuse to lose information: writing a value with sub-millisecond ticks throws (truncate explicitly
/// with <see cref="TruncateToMilliseconds"/>), and reading a millisecond count outside the range of
/// <see cref="DateTimeOffset"/> throws. The offset is not stored: a BSON date is an instant, read back with offset zero.
/// </summary>
internal static class BsonDateTime
{
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static long ToMilliseconds(DateTimeOffset value)
    {
        if (value.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException(
                $"{value:O} has sub-millisecond precision, which a BSON date cannot hold; "
                + "call BsonDateTime.TruncateToMilliseconds first if dropping it is intended.",
                nameof(value));
        }

        return value.ToUnixTimeMilliseconds();
    }

    public static DateTimeOffset FromMilliseconds(long milliseconds)
    {
        if (milliseconds < MinMilliseconds || milliseconds > MaxMilliseconds)
        {
            throw new BsonConversionException(
                $"The BSON date {milliseconds} ms since the epoch is outside the range of DateTimeOffset; read it as milliseconds instead.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
