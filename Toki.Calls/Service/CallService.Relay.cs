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
        var peer = call.PeerOf(userId);
        var peerSocket = _callSockets.Get(callId, peer);
        // On a cluster a peer whose call socket is not here is reached through its room, wherever it is.
        return new RelayRoute(true, peerSocket, null, peerSocket is null && _cluster is not null ? peer : null);
    }

    /// <summary>Whether this server is one of a cluster (its view of a call may trail the store by a message).</summary>
    public bool IsClustered => _cluster is not null;

    /// <summary>
    /// On a cluster, a relay that the cached call refused is decided again on the stored call: the accept that allows
    /// it may have been committed on another server a moment ago, its notice faster than the hint.
    /// </summary>
    public async Task<RelayRoute> ResolveRelayFromStoreAsync(string callId, string userId, CancellationToken cancellationToken)
    {
        if (await _store.GetCallAsync(callId, cancellationToken) is { } stored)
        {
            await RefreshAsync(stored, cancellationToken);
        }
        return ResolveRelay(callId, userId);
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
