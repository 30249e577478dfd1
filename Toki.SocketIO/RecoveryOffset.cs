using System.Globalization;

namespace Toki.SocketIO;

/// <summary>
/// A recovery offset kept as numbers: a single server's counter ("42"), or a cluster's stream entry id
/// ("1718000000000-3", milliseconds and sequence). Only the canonical decimal form parses, so that two offsets are
/// equal exactly when their strings are.
/// </summary>
internal readonly record struct RecoveryOffset(long Major, long Minor)
{
    private const long NoMinor = -1;

    public static bool TryParse(string? text, out RecoveryOffset offset)
    {
        offset = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!TryParsePart(text, out var counter))
            {
                return false;
            }
            offset = new RecoveryOffset(counter, NoMinor);
            return true;
        }
        if (!TryParsePart(text.AsSpan(0, dash), out var milliseconds) || !TryParsePart(text.AsSpan(dash + 1), out var sequence))
        {
            return false;
        }
        offset = new RecoveryOffset(milliseconds, sequence);
        return true;
    }

    public override string ToString() => Minor == NoMinor
        ? Major.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Major}-{Minor}");

    private static bool TryParsePart(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && (text.Length == 1 || text[0] != '0');
}
