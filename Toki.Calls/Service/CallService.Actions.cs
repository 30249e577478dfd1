using Toki.Calls.Domain;
using Toki.Calls.Notices;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    /// <summary><c>call:request</c>: validate, create a ringing call, notify both sides, arm the ring timer.</summary>
    public async Task<CallResult> RequestAsync(string userId, string socketId, string calleeId, CallType type, CancellationToken cancellationToken)
    {
        var caller = await _store.GetUserAsync(userId, cancellationToken);
        if (caller is null)
        {
            return CallResult.Failure(CallErrorCode.UserNotFound, "Your account is not known to the call service.");
        }
        var callee = calleeId == userId ? null : await _store.GetUserAsync(calleeId, cancellationToken);
        // Whether either side is busy is decided by the commit, which checks both users inside the write lock. Their
        // live calls are read here only when a refusal that comes after busy in the contract's order would hide it.
        var request = new CallRequest(NewCallId(), caller, callee, calleeId, type, socketId, CallerBusy: false, CalleeBusy: false,
            await IsOnlineAnywhereAsync(calleeId, cancellationToken));
        var context = new CallContext(_time.GetUtcNow(), _settings);
        var result = CallFactory.Create(request, context);
        if (result.Error is { Code: CallErrorCode.CalleeOffline or CallErrorCode.InsufficientCoins })
        {
            var callerBusy = await _store.FindLiveCallAsync(userId, cancellationToken) is not null;
            var calleeBusy = await _store.FindLiveCallAsync(calleeId, cancellationToken) is not null;
            result = CallFactory.Create(request with { CallerBusy = callerBusy, CalleeBusy = calleeBusy }, context);
        }
        if (result.Error is { } refusal)
        {
            Log.RequestRefused(_logger, userId, calleeId, refusal.Code);
            return CallResult.Failure(refusal);
        }

        var outcome = await CommitAsync(new CallCommit(result.Next!, null, result.Ledger, result.Users), cancellationToken);
        if (outcome.Kind == CommitOutcomeKind.VersionConflict)
        {
            // A call with this id already exists: 96 random bits make that a fluke, and a retry draws a fresh id.
            return CallResult.Failure(CallErrorCode.Internal, "Could not place the call; try again.");
        }
        if (outcome.Kind == CommitOutcomeKind.ParticipantBusy)
        {
            var busy = outcome.BusyUserId == userId
                ? new CallError(CallErrorCode.CallerBusy, "You are already in a call.")
                : new CallError(CallErrorCode.CalleeBusy, "The callee is in another call.");
            Log.RequestRefused(_logger, userId, calleeId, busy.Code);
            return CallResult.Failure(busy);
        }
        Log.CallRequested(_logger, result.Next!.Id, userId, calleeId, type.ToString().ToLowerInvariant(), result.Next.DurationLimitSec);
        await AfterCommitAsync(null, null, result, outcome, cancellationToken);
        return CallResult.Success(Snapshot(result.Next));
    }

    /// <summary>accept, reject, cancel, joined and end: one transition each, acked with the resulting call.</summary>
    public Task<CallResult> CommandAsync(string callId, CallCommand command, CancellationToken cancellationToken) =>
        ExecuteAsync(callId, command, (call, _) => CallResult.Success(Snapshot(call)), needsCallerCoins: command is CallCommand.Accept, cancellationToken);

    /// <summary><c>call:rejoin</c>: the ack repeats what <c>call:rejoined</c> carries.</summary>
    public async Task<CallResult> RejoinAsync(string userId, string socketId, string callId, CancellationToken cancellationToken)
    {
        var ack = await ExecuteAsync(callId, new CallCommand.Rejoin(userId, socketId),
            (call, effects) => new CallResult.Rejoined(Snapshot(call), effects.MediaByUser.GetValueOrDefault(userId),
                CallClock.RemainingSeconds(call, _time.GetUtcNow())),
            needsCallerCoins: false, cancellationToken);
        var outcome = ack.Ok ? "rejoined" : ack.Error!.Code;
        Log.RejoinOutcome(_logger, callId, userId, outcome);
        _metrics.Rejoin(outcome);
        return ack;
    }

    /// <summary><c>call:clear-all</c>: hard-ends the user's live call (reason cleared) and clears the on-call flag.</summary>
    public async Task<CallResult> ClearAllAsync(string userId, CancellationToken cancellationToken)
    {
        var live = await _store.FindLiveCallAsync(userId, cancellationToken);
        CallSnapshot? ended = null;
        if (live is not null)
        {
            var ack = await ExecuteAsync(live.Id, new CallCommand.ClearAll(userId),
                (call, _) => CallResult.Success(Snapshot(call)), needsCallerCoins: false, cancellationToken);
            // The call may have ended between the lookup and the clear (a timer, the peer): then nothing is live any more.
            if (!ack.Ok && ack.Error!.Code != CallErrorCode.CallEnded)
            {
                return ack;
            }
            ended = ack.Call;
        }
        await _store.ClearOnCallIfIdleAsync(userId, cancellationToken);
        if (ended is null)
        {
            // Nothing was live, so no hard end told the user's tabs; tell them now.
            _notifier.Notify(new NoticeRecipient.User(userId), new CallNotice.Cleared(null, CallEndReason.Cleared));
        }
        return CallResult.Success(ended);
    }

    /// <summary>
    /// <c>call:sync</c>: a snapshot with fresh media, and the sending socket becomes the user's call socket
    /// (not while the user is away: only a rejoin brings an away user back).
    /// </summary>
    public async Task<CallResult> SyncAsync(string userId, string socketId, string? callId, CancellationToken cancellationToken)
    {
        var id = callId ?? (await _store.FindLiveCallAsync(userId, cancellationToken))?.Id;
        if (id is null)
        {
            // "Resume my call" with no call to resume is a plain answer, not an error.
            return CallResult.Success(null);
        }
        // Read and move the call socket under the call's lock, so a hard end cannot disband the room in between.
        using var held = await _locks.AcquireAsync(id, cancellationToken);
        var (call, refusal) = await LoadForParticipantAsync(id, userId, cancellationToken);
        if (call is null)
        {
            return refusal!;
        }
        var remaining = CallClock.RemainingSeconds(call, _time.GetUtcNow());
        if (call.IsAway(userId))
        {
            return new CallResult.Synced(Snapshot(call), remaining, Media: null, Initiator: null);
        }

        var previous = _callSockets.Get(call.Id, userId);
        var moved = previous != socketId;
        if (moved)
        {
            _callSockets.Assign(call.Id, userId, socketId);
        }
        if (call.Status == CallStatus.Pending)
        {
            return new CallResult.Synced(Snapshot(call), remaining, Media: null, Initiator: null);
        }

        // A sync from the current call socket only refreshes: nobody renegotiates.
        var initiator = moved && _media.Provider == "webrtc" && DecideResyncInitiator(call, userId);
        var media = _media.Issue(call, userId, initiator);
        if (moved)
        {
            Log.CallSocketMoved(_logger, call.Id, userId, previous, socketId);
            _notifier.Notify(new NoticeRecipient.CallSocket(call.Id, call.PeerOf(userId)), new CallNotice.PeerResumed(call.Id, userId, !initiator));
        }
        return new CallResult.Synced(Snapshot(call), remaining, media, initiator);
    }

    /// <summary><c>call:renew-token</c>: fresh media credentials for a participant of a connected call.</summary>
    public async Task<CallResult> RenewMediaAsync(string userId, string callId, CancellationToken cancellationToken)
    {
        var (call, refusal) = await LoadForParticipantAsync(callId, userId, cancellationToken);
        if (call is null)
        {
            return refusal!;
        }
        if (call.Status == CallStatus.Pending || call.IsAway(userId))
        {
            return CallResult.Failure(CallError.InvalidState(call.Status, "renew media credentials of"));
        }
        var media = _media.Issue(call, userId, initiator: false);
        return new CallResult.Renewed(Snapshot(call), media);
    }

    /// <summary>A participant's view of one call (history detail); null for anyone else.</summary>
    public async Task<CallSnapshot?> GetCallForUserAsync(string userId, string callId, CancellationToken cancellationToken)
    {
        var call = await _store.GetCallAsync(callId, cancellationToken);
        return call is not null && call.IsParticipant(userId) ? Snapshot(call) : null;
    }

    public async Task<(IReadOnlyList<CallSnapshot> Calls, string? NextCursor)> GetHistoryAsync(string userId, int limit,
        CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        var page = await _store.GetCallHistoryAsync(userId, limit, before, cancellationToken);
        return ([.. page.Calls.Select(Snapshot)], page.Next?.ToString());
    }

    /// <summary>The call a participant acts on, or the refusal: unknown call, not a participant, or already over.</summary>
    private async Task<(CallRecord? Call, CallResult? Refusal)> LoadForParticipantAsync(string callId, string userId, CancellationToken cancellationToken)
    {
        var call = await _store.GetCallAsync(callId, cancellationToken);
        if (call is null)
        {
            return (null, CallResult.Failure(CallError.CallNotFound()));
        }
        return CallTransitions.CheckParticipant(call, userId) is { } error ? (null, CallResult.Failure(error)) : (call, null);
    }

    /// <summary>
    /// With WebRTC the side whose socket moved creates the offer; when both sides re-sync within the glare
    /// window, the caller does.
    /// </summary>
    private bool DecideResyncInitiator(CallRecord call, string userId)
    {
        var now = _time.GetUtcNow();
        var peerRecent = _resyncs.TryGetValue((call.Id, call.PeerOf(userId)), out var at) && now - at < ResyncGlareWindow;
        _resyncs[(call.Id, userId)] = now;
        return !peerRecent || userId == call.CallerId;
    }

    private static TimeSpan ResyncGlareWindow => TimeSpan.FromSeconds(5);
}
