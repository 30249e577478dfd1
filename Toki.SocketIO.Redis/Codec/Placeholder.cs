using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>Socket.IO's binary placeholders, <c>{"_placeholder":true,"num":N}</c>.</summary>
internal static class Placeholder
{
    /// <summary>The attachment index an object stands for, or null when it is not a placeholder for one of <paramref name="count"/>.</summary>
    public static int? Index(JsonElement element, int count)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("_placeholder"u8, out var flag) || flag.ValueKind != JsonValueKind.True
            || !element.TryGetProperty("num"u8, out var num) || num.ValueKind != JsonValueKind.Number || !num.TryGetInt32(out var index)
            || index < 0 || index >= count)
        {
            return null;
        }
        var properties = 0;
        foreach (var _ in element.EnumerateObject())
        {
            properties++;
        }
        return properties == 2 ? index : null;
    }
}
