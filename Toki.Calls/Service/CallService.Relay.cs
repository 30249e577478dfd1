using Toki.Calls.Domain;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    /// <summary>
    /// The hot path of signalling relays: decided from the in-memory live-call cache, no store access.
    /// Relays are allowed in accepted, active and interrupted calls, between their participants only.
    /// </summary>
    public RelayRoute ResolveRelay(string callId, string userId)
    {
        var route = Route(callId, userId);
        _metrics.Relay(route);
        return route;
    }

    private RelayRoute Route(string callId, string userId)
    {
        if (!_liveCalls.TryGetValue(callId, out var call))
        {
            return new RelayRoute(false, null, null);
        }
        if (!call.IsParticipant(userId))
        {
            return new RelayRoute(false, null, CallErrorCode.NotParticipant);
        }
        if (call.Status == CallStatus.Pending)
        {
            return new RelayRoute(false, null, CallErrorCode.InvalidState);
        }
        return new RelayRoute(true, _callSockets.Get(callId, call.PeerOf(userId)), null);
    }

    /// <summary>Why a relay for a call missing from the cache failed: unknown, ended, or not yours.</summary>
    public async Task<string> ExplainMissingCallAsync(string callId, string userId, CancellationToken cancellationToken)
    {
        var call = await _store.GetCallAsync(callId, cancellationToken);
        if (call is null)
        {
            return CallErrorCode.CallNotFound;
        }
        return call.IsParticipant(userId) ? CallErrorCode.CallEnded : CallErrorCode.NotParticipant;
    }
}
