using Toki.Calls.Domain;
using Toki.Calls.Notices;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    private async Task<EffectOutcome> ApplyEffectsAsync(CallRecord call, IReadOnlyList<CallEffect> effects, CommitOutcome committed,
        CancellationToken cancellationToken)
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
                    await NotifyAsync(call, notify.Notice, notify.UserId, committed, outcome, cancellationToken);
                    break;
            }
        }
        return outcome;
    }

    private async Task NotifyAsync(CallRecord call, CallNoticeKind kind, string? userId, CommitOutcome committed, EffectOutcome outcome,
        CancellationToken cancellationToken)
    {
        var remaining = CallClock.RemainingSeconds(call, _time.GetUtcNow());
        switch (kind)
        {
            case CallNoticeKind.Incoming:
                _notifier.Notify(new NoticeRecipient.User(call.CalleeId),
                    new CallNotice.Incoming(call.Id, call.CallerId, new CallParty(call.CallerId, call.CallerName), call.Type, call.RingDeadline));
                break;
            case CallNoticeKind.Ringing:
                _notifier.Notify(new NoticeRecipient.User(call.CallerId), new CallNotice.Ringing(call.Id, call.CalleeId, call.RingDeadline));
                break;
            case CallNoticeKind.Proceed:
                var isCaller = userId == call.CallerId;
                var media = _media.Issue(call, userId!, initiator: isCaller);
                outcome.MediaByUser[userId!] = media;
                ToCallSocket(call, userId!,
                    new CallNotice.Proceed(call.Id, isCaller ? CallRole.Caller : CallRole.Callee, call.Type, call.DurationLimitSec, remaining, media));
                break;
            case CallNoticeKind.Started:
                _notifier.Notify(new NoticeRecipient.CallSockets(call.Id), new CallNotice.Started(call.Id, call.StartedAt, remaining));
                break;
            case CallNoticeKind.Interrupted:
                _notifier.Notify(new NoticeRecipient.User(userId!), new CallNotice.Interrupted(call.Id, remaining,
                    call.RejoinDeadlines.GetValueOrDefault(userId!), CanRejoin: !call.RejoinedUserIds.Contains(userId!)));
                break;
            case CallNoticeKind.PeerInterrupted:
                ToCallSocket(call, call.PeerOf(userId!),
                    new CallNotice.PeerInterrupted(call.Id, userId!, remaining, call.RejoinDeadlines.GetValueOrDefault(userId!)));
                break;
            case CallNoticeKind.Rejoined:
                var rejoinMedia = _media.Issue(call, userId!, initiator: true);
                outcome.MediaByUser[userId!] = rejoinMedia;
                ToCallSocket(call, userId!, new CallNotice.Rejoined(call.Id, call.Status, rejoinMedia, remaining));
                break;
            case CallNoticeKind.PeerRejoined:
                ToCallSocket(call, call.PeerOf(userId!), new CallNotice.PeerRejoined(call.Id, userId!, call.Status, remaining));
                break;
            case CallNoticeKind.Ended:
                var ended = new CallNotice.Ended(call.Id, call.Status, call.EndReason, call.BilledSeconds, call.CoinsCharged, call.EndedAt);
                var cleared = new CallNotice.Cleared(call.Id, call.EndReason);
                foreach (var participant in new[] { call.CallerId, call.CalleeId })
                {
                    _notifier.Notify(new NoticeRecipient.User(participant), ended);
                    _notifier.Notify(new NoticeRecipient.User(participant), cleared);
                }
                break;
            case CallNoticeKind.AnsweredElsewhere:
                var answered = new CallNotice.AnsweredElsewhere(call.Id);
                _notifier.Notify(new NoticeRecipient.User(call.CallerId, ExceptCallSocketsOf: call.Id), answered);
                _notifier.Notify(new NoticeRecipient.User(call.CalleeId, ExceptCallSocketsOf: call.Id), answered);
                break;
            case CallNoticeKind.WalletUpdated:
                // The balances the commit itself left, when the store reported them; otherwise read back after it.
                if ((committed.UserAfterCommit(userId!) ?? await _store.GetUserAsync(userId!, cancellationToken)) is { } user)
                {
                    NotifyWallet(user);
                }
                break;
        }
    }

    private void NotifyWallet(UserRecord user) =>
        _notifier.Notify(new NoticeRecipient.User(user.Id), new CallNotice.WalletUpdated(user.Coins, user.HeldCoins, user.Earnings));

    private void ToCallSocket(CallRecord call, string userId, CallNotice notice) =>
        _notifier.Notify(new NoticeRecipient.CallSocket(call.Id, userId), notice);
}
