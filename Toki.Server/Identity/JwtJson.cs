using System.Text.Json;
using System.Text.Unicode;

namespace Toki.Server.Identity;

/// <summary>Strict parsing of a decoded JOSE header or claims set.</summary>
internal static class JwtJson
{
    private const int MaxDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // JSON.parse keeps the last duplicate and TryGetProperty finds the first; refuse the ambiguity.
        AllowDuplicateProperties = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>
    /// The document if <paramref name="utf8"/> is valid UTF-8 holding one JSON object with unique property
    /// names and only strings .NET can read; otherwise null. Never throws.
    /// </summary>
    public static JsonDocument? TryParseObject(byte[] utf8)
    {
        if (!Utf8.IsValid(utf8) || !EscapesAreValidUtf16(utf8))
        {
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }
        document.Dispose();
        return null;
    }

    /// <summary>
    /// JsonDocument accepts escapes such as a lone "\uD800" but then throws InvalidOperationException from
    /// GetString, ValueEquals and TryGetProperty; find them up front so claim reading cannot throw.
    /// </summary>
    private static bool EscapesAreValidUtf16(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
