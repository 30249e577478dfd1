using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

/// <summary>Issues the media credentials handed out when a call connects, on rejoin, sync and renewal.</summary>
public interface IMediaCredentialsProvider
{
    /// <summary>"agora" or "webrtc".</summary>
    string Provider { get; }

    /// <summary>
    /// Fresh credentials for one participant. With WebRTC, <paramref name="initiator"/> tells that side to create
    /// the offer; Agora ignores it.
    /// </summary>
    MediaCredentials Issue(CallRecord call, string userId, bool initiator);
}
