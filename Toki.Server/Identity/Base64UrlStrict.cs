namespace Toki.Server.Identity;

/// <summary>
/// Base64url decoding as JWS compact serialization requires: URL alphabet only, no padding, no whitespace,
/// and unused trailing bits must be zero so that every byte string has exactly one accepted spelling.
/// </summary>
/// <remarks>
/// Written out instead of using <see cref="System.Buffers.Text.Base64Url"/>, which also accepts padding
/// and skips whitespace.
/// </remarks>
internal static class Base64UrlStrict
{
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        var output = new byte[text.Length * 3 / 4];
        var written = 0;
        var buffer = 0;
        var bufferedBits = 0;
        foreach (var c in text)
        {
            var sextet = ValueOf(c);
            if (sextet < 0)
            {
                return false;
            }
            buffer = (buffer << 6) | sextet;
            bufferedBits += 6;
            if (bufferedBits >= 8)
            {
                bufferedBits -= 8;
                output[written++] = (byte)(buffer >> bufferedBits);
                buffer &= (1 << bufferedBits) - 1;
            }
        }

        if (buffer != 0)
        {
            return false;
        }
        bytes = output;
        return true;
    }

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
