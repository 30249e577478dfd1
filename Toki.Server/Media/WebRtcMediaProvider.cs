using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Media;

/// <summary>WebRTC (SimplePeer) media: who creates the offer, and the configured ICE servers with per-user TURN credentials.</summary>
internal sealed class WebRtcMediaProvider(IceServerProvider iceServers) : IMediaCredentialsProvider
{
    public string Provider => "webrtc";

    public MediaCredentials Issue(CallRecord call, string userId, bool initiator) =>
        new WebRtcMediaCredentials(initiator, iceServers.GetIceServers(userId));
}
