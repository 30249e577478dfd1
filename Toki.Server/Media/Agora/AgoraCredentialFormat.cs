using System.Buffers;

namespace Toki.Server.Media.Agora;

/// <summary>Agora App IDs and App Certificates are 32 hexadecimal characters.</summary>
internal static class AgoraCredentialFormat
{
    public const int Length = 32;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsValid(string? value) => value is { Length: Length } && !value.AsSpan().ContainsAnyExcept(HexDigits);
}
