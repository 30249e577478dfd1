using Microsoft.Extensions.Options;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Media.Agora;

namespace Toki.Server.Media;

/// <summary>
/// Agora credentials: channel = call id, a stable uid per user per call, a publisher token. Tokens are kept
/// short (the call's remaining time plus a margin, within the configured TTL) so that a client ignoring a
/// hard end loses the channel soon; clients renew with call:renew-token.
/// </summary>
internal sealed class AgoraMediaProvider(AgoraRtcTokenBuilder tokens, AgoraUidAssigner uids, IOptions<AgoraOptions> options, TimeProvider time)
    : IMediaCredentialsProvider
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    public string Provider => "agora";

    public MediaCredentials Issue(CallRecord call, string userId, bool initiator)
    {
        var assigned = uids.AssignCallUids(call.Id, call.CallerId, call.CalleeId);
        var uid = userId == call.CallerId ? assigned.CallerUid : assigned.CalleeUid;
        var remaining = TimeSpan.FromSeconds(CallClock.RemainingSeconds(call, time.GetUtcNow()));
        var lifetime = remaining + Margin;
        if (lifetime > options.Value.TokenTtl)
        {
            lifetime = options.Value.TokenTtl;
        }
        var token = tokens.BuildWithUid(call.Id, uid, AgoraRtcPrivileges.Publisher(lifetime), lifetime);
        return new AgoraMediaCredentials(token.AppId, call.Id, uid, token.Token, token.ExpiresAt);
    }
}
