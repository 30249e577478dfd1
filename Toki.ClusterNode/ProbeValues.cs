using System.Text.Json;
using Toki.SocketIO;

namespace Toki.ClusterNode;

/// <summary>
/// Turns received arguments back into values to emit, binary ones (at any depth) as byte arrays, so that what a
/// probe re-emits carries the same binary attachments it received.
/// </summary>
internal static class ProbeValues
{
    public static object? Materialize(SocketIOArgs args, int index) =>
        args.Attachments.Count == 0 ? args[index].Clone() : Materialize(args[index], args.Attachments);

    private static object? Materialize(JsonElement element, IReadOnlyList<byte[]> attachments)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("_placeholder", out var flag) && flag.ValueKind == JsonValueKind.True
                    && element.TryGetProperty("num", out var num) && num.TryGetInt32(out var index) && index >= 0 && index < attachments.Count)
                {
                    return attachments[index];
                }
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = Materialize(property.Value, attachments);
                }
                return map;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(item => Materialize(item, attachments)).ToList();
            default:
                return element.Clone();
        }
    }
}
