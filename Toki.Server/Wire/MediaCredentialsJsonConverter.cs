using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Toki.Calls.Ports;
using Toki.Server.Media;

namespace Toki.Server.Wire;

/// <summary>
/// The <c>media</c> object: the call service hands on credentials as the base type, and each provider's
/// credentials are written in their own shape (§11 of protocol.md).
/// </summary>
internal sealed class MediaCredentialsJsonConverter : WriteOnlyJsonConverter<MediaCredentials>
{
    public override void Write(Utf8JsonWriter writer, MediaCredentials value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case AgoraMediaCredentials agora:
                JsonSerializer.Serialize(writer, agora, (JsonTypeInfo<AgoraMediaCredentials>)options.GetTypeInfo(typeof(AgoraMediaCredentials)));
                break;
            case WebRtcMediaCredentials webRtc:
                JsonSerializer.Serialize(writer, webRtc, (JsonTypeInfo<WebRtcMediaCredentials>)options.GetTypeInfo(typeof(WebRtcMediaCredentials)));
                break;
            default:
                throw new NotSupportedException($"No wire shape for media credentials of type {value.GetType().Name}.");
        }
    }
}
