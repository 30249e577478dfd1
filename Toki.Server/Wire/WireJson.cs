using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Toki.SocketIO;

namespace Toki.Server.Wire;

/// <summary>
/// The wire serializer: <see cref="WireJsonContext"/> with the relaxed encoder (non-ASCII text and HTML-sensitive
/// characters as they are, as the Node server writes them), turning payloads into raw JSON for Socket.IO.
/// </summary>
internal static class WireJson
{
    public static WireJsonContext Context { get; } = new(new JsonSerializerOptions(WireJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The payload as a Socket.IO argument written verbatim.</summary>
    public static SocketIORawJson Raw<T>(T value, JsonTypeInfo<T> typeInfo) => new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}
