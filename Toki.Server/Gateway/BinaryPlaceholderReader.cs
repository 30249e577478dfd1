using System.Text.Json;

namespace Toki.Server.Gateway;

/// <summary>
/// Reads a value of a received binary event the way socket.io-parser reconstructs it: an object whose
/// <c>_placeholder</c> is <c>true</c> stands for attachment <c>num</c>, and one whose <c>num</c> is not an
/// attachment's index is illegal (the reference parser throws "illegal attachments"). Packets without attachments
/// have no placeholders: there such an object is plain JSON, as for the reference parser. Pure.
/// </summary>
internal static class BinaryPlaceholderReader
{
    public static BinaryPlaceholderKind Read(JsonElement element, IReadOnlyList<byte[]> attachments, out byte[]? bytes)
    {
        bytes = null;
        if (attachments.Count == 0 || element.ValueKind != JsonValueKind.Object)
        {
            return BinaryPlaceholderKind.NotBinary;
        }
        // The last duplicate wins, as with JSON.parse.
        JsonElement? flag = null;
        JsonElement? num = null;
        foreach (var property in element.EnumerateObject())
        {
            if (WellFormedJsonText.NameEquals(property, "_placeholder"u8))
            {
                flag = property.Value;
            }
            else if (WellFormedJsonText.NameEquals(property, "num"u8))
            {
                num = property.Value;
            }
        }
        if (flag is not { ValueKind: JsonValueKind.True })
        {
            return BinaryPlaceholderKind.NotBinary;
        }
        if (num is not { ValueKind: JsonValueKind.Number } index || !index.TryGetInt32(out var i) || i < 0 || i >= attachments.Count)
        {
            return BinaryPlaceholderKind.Invalid;
        }
        bytes = attachments[i];
        return BinaryPlaceholderKind.Binary;
    }
}
