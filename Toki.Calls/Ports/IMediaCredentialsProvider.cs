using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

/// <summary>Issues the media credentials sent in call:proceed, call:rejoined, call:sync and call:renew-token.</summary>
public interface IMediaCredentialsProvider
{
    /// <summary>"agora" or "webrtc".</summary>
    string Provider { get; }

    /// <summary>
    /// Fresh credentials for one participant, serialized as the <c>media</c> object on the wire. With WebRTC,
    /// <paramref name="initiator"/> tells that side to create the offer; Agora ignores it.
    /// </summary>
    object Issue(CallRecord call, string userId, bool initiator);
}
