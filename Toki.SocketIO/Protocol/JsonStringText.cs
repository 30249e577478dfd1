using System.Buffers.Text;
using System.Text.Unicode;

namespace Toki.SocketIO.Protocol;

/// <summary>
/// Whether a JSON string token (as received, quotes and escapes included) stands for well-formed text: valid UTF-8,
/// and no <c>\uD800</c>-style escape of a lone UTF-16 surrogate. System.Text.Json parses both without complaint and
/// only fails when the string is read, so a decoder checks the strings it reads itself. Pure.
/// </summary>
public static class JsonStringText
{
    public static bool IsWellFormed(ReadOnlySpan<byte> token)
    {
        if (!Utf8.IsValid(token))
        {
            return false;
        }
        var position = token.IndexOf((byte)'\\');
        if (position < 0)
        {
            return true;
        }
        var awaitingLow = false;
        while (position < token.Length)
        {
            if (token[position] == (byte)'\\' && position + 1 == token.Length)
            {
                return false;
            }
            if (token[position] != (byte)'\\' || token[position + 1] != (byte)'u')
            {
                if (awaitingLow)
                {
                    return false;
                }
                // A two-character escape is skipped whole, so an escaped backslash is never taken for a \u.
                position += token[position] == (byte)'\\' ? 2 : 1;
                continue;
            }
            if (position + 6 > token.Length || !Utf8Parser.TryParse(token.Slice(position + 2, 4), out ushort unit, out var used, 'X') || used != 4)
            {
                return false;
            }
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (awaitingLow != isLow)
            {
                return false;
            }
            awaitingLow = isHigh;
            position += 6;
        }
        return !awaitingLow;
    }
}
