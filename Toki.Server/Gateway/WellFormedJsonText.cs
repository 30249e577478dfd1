using System.Runtime.InteropServices;
using System.Text.Json;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Gateway;

/// <summary>
/// Whether received JSON text reads as well-formed UTF-16. JsonDocument accepts invalid UTF-8 inside strings and
/// escapes of lone surrogates (<c>"\uD800"</c>), then throws from <c>GetString</c>, <c>ValueEquals</c> and even
/// <c>TryGetProperty</c> (which decodes the names it passes); checking first keeps hostile text an invalid payload
/// rather than an exception. Pure.
/// </summary>
internal static class WellFormedJsonText
{
    /// <summary>The text of a JSON string as received, between its quotes: valid UTF-8 whose escapes pair every surrogate.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> text) => JsonStringText.IsWellFormed(text);

    /// <summary>A string element whose text is well-formed (false for any other kind).</summary>
    public static bool IsWellFormedString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return IsWellFormed(raw[1..^1]);
    }

    /// <summary>Whether every property name of the object is well-formed, so that looking names up cannot throw.</summary>
    public static bool HasWellFormedNames(JsonElement @object)
    {
        foreach (var property in @object.EnumerateObject())
        {
            if (!IsWellFormed(JsonMarshal.GetRawUtf8PropertyName(property)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether the property's name decodes to <paramref name="name"/>; false, never an exception, for an ill-formed name.</summary>
    public static bool NameEquals(JsonProperty property, ReadOnlySpan<byte> name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (!raw.Contains((byte)'\\'))
        {
            return raw.SequenceEqual(name);
        }
        return IsWellFormed(raw) && property.NameEquals(name);
    }
}
