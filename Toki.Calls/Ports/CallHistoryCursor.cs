using System.Globalization;

namespace Toki.Calls.Ports;

/// <summary>A position in a user's history (newest first): the last call's creation time and id, as an opaque string.</summary>
public sealed record CallHistoryCursor(DateTimeOffset CreatedAt, string CallId)
{
    public override string ToString() => $"{CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}_{CallId}";

    public static bool TryParse(string? value, out CallHistoryCursor? cursor)
    {
        cursor = null;
        var separator = value?.IndexOf('_') ?? -1;
        if (separator <= 0 || separator == value!.Length - 1
            || !long.TryParse(value.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > 253402300799999)
        {
            return false;
        }
        cursor = new CallHistoryCursor(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), value[(separator + 1)..]);
        return true;
    }
}
