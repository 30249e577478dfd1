using Toki.Calls.Domain;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    private async Task<EffectOutcome> ApplyEffectsAsync(CallRecord call, IReadOnlyList<CallEffect> effects, CancellationToken cancellationToken)
    {
        var outcome = new EffectOutcome();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case CallEffect.AssignCallSocket assign:
                    _callSockets.Assign(call.Id, assign.UserId, assign.SocketId);
                    break;
                case CallEffect.ReleaseCallSocket release:
                    _callSockets.Release(call.Id, release.UserId);
                    break;
                case CallEffect.DisbandCallRoom:
                    _callSockets.Disband(call.Id, call.CallerId, call.CalleeId);
                    break;
                case CallEffect.Notify notify:
                    await NotifyAsync(call, notify.Notice, notify.UserId, outcome, cancellationToken);
                    break;
            }
        }
        return outcome;
    }

    private async Task NotifyAsync(CallRecord call, CallNotice notice, string? userId, EffectOutcome outcome, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var remaining = CallClock.RemainingSeconds(call, now);
        switch (notice)
        {
            case CallNotice.Incoming:
                _notifier.ToUser(call.CalleeId, "call:incoming", new
                {
                    callId = call.Id,
                    callerId = call.CallerId,
                    caller = new CallParty(call.CallerId, call.CallerName),
                    type = call.Type == CallType.Video ? "video" : "audio",
                    expiresAt = WireTime.Format(call.RingDeadline),
                });
                break;
            case CallNotice.Ringing:
                _notifier.ToUser(call.CallerId, "call:ringing", new { callId = call.Id, calleeId = call.CalleeId, expiresAt = WireTime.Format(call.RingDeadline) });
                break;
            case CallNotice.Proceed:
                var isCaller = userId == call.CallerId;
                var media = _media.Issue(call, userId!, initiator: isCaller);
                outcome.MediaByUser[userId!] = media;
                ToCallSocket(call, userId!, "call:proceed", new
                {
                    callId = call.Id,
                    role = isCaller ? "caller" : "callee",
                    type = call.Type == CallType.Video ? "video" : "audio",
                    durationLimit = call.DurationLimitSec,
                    remainingTime = remaining,
                    media,
                });
                break;
            case CallNotice.Started:
                _notifier.ToCallRoom(call.Id, "call:started", new { callId = call.Id, startedAt = WireTime.Format(call.StartedAt), remainingTime = remaining });
                break;
            case CallNotice.Interrupted:
                _notifier.ToUser(userId!, "call:interrupted", new
                {
                    callId = call.Id,
                    remainingTime = remaining,
                    rejoinDeadline = WireTime.Format(call.RejoinDeadlines.GetValueOrDefault(userId!)),
                    canRejoin = !call.RejoinedUserIds.Contains(userId!),
                });
                break;
            case CallNotice.PeerInterrupted:
                ToCallSocket(call, call.PeerOf(userId!), "call:peer-interrupted", new
                {
                    callId = call.Id,
                    userId,
                    remainingTime = remaining,
                    rejoinDeadline = WireTime.Format(call.RejoinDeadlines.GetValueOrDefault(userId!)),
                });
                break;
            case CallNotice.Rejoined:
                var rejoinMedia = _media.Issue(call, userId!, initiator: true);
                outcome.MediaByUser[userId!] = rejoinMedia;
                ToCallSocket(call, userId!, "call:rejoined", new { callId = call.Id, status = call.Status.ToWire(), media = rejoinMedia, remainingTime = remaining });
                break;
            case CallNotice.PeerRejoined:
                ToCallSocket(call, call.PeerOf(userId!), "call:peer-rejoined", new { callId = call.Id, userId, status = call.Status.ToWire(), remainingTime = remaining });
                break;
            case CallNotice.Ended:
                var ended = new
                {
                    callId = call.Id,
                    status = call.Status.ToWire(),
                    reason = call.EndReason,
                    billedSeconds = call.BilledSeconds,
                    coinsCharged = call.CoinsCharged,
                    endedAt = WireTime.Format(call.EndedAt),
                };
                var cleared = new { callId = call.Id, reason = call.EndReason };
                foreach (var participant in new[] { call.CallerId, call.CalleeId })
                {
                    _notifier.ToUser(participant, "call:ended", ended);
                    _notifier.ToUser(participant, "call:clear-all", cleared);
                }
                break;
            case CallNotice.AnsweredElsewhere:
                var callSockets = new[] { _callSockets.Get(call.Id, call.CallerId), _callSockets.Get(call.Id, call.CalleeId) }
                    .OfType<string>().ToArray();
                var answered = new { callId = call.Id, reason = "answered_elsewhere" };
                _notifier.ToUser(call.CallerId, "call:clear-all", answered, callSockets);
                _notifier.ToUser(call.CalleeId, "call:clear-all", answered, callSockets);
                break;
            case CallNotice.WalletUpdated:
                if (await _store.GetUserAsync(userId!, cancellationToken) is { } user)
                {
                    NotifyWallet(user);
                }
                break;
        }
    }

    private void NotifyWallet(UserRecord user) =>
        _notifier.ToUser(user.Id, "wallet:updated", new { coins = user.Coins, heldCoins = user.HeldCoins, earnings = user.Earnings });

    private void ToCallSocket(CallRecord call, string userId, string eventName, object payload)
    {
        if (_callSockets.Get(call.Id, userId) is { } socketId)
        {
            _notifier.ToSocket(socketId, eventName, payload);
        }
    }
}
