using System.Text.Json.Serialization;
using Toki.Calls.Ports;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Media;

/// <summary><c>{ provider: "webrtc", initiator, iceServers }</c>: whether this side creates the offer, and its ICE servers.</summary>
internal sealed record WebRtcMediaCredentials(bool Initiator, IReadOnlyList<IceServer> IceServers) : MediaCredentials
{
    [JsonPropertyOrder(-1)]
    public string Provider => "webrtc";
}
