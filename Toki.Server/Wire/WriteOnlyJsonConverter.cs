using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Wire;

/// <summary>
/// A converter of something the server only ever writes to clients (payloads, snapshots, media credentials): nothing
/// deserializes these types, so reading one is a bug and throws.
/// </summary>
internal abstract class WriteOnlyJsonConverter<T> : JsonConverter<T>
{
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is written by the server, never read.");
}
