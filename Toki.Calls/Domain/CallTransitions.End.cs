namespace Toki.Calls.Domain;

public static partial class CallTransitions
{
    /// <summary>An explicit call:end: the contract's end decision.</summary>
    private static TransitionResult End(CallRecord call, string userId, bool permanent, CallContext context)
    {
        if (CheckParticipant(call, userId) is { } error)
        {
            return TransitionResult.Refused(error);
        }
        var trigger = permanent ? "end-permanent" : "end";
        switch (call.Status)
        {
            case CallStatus.Pending:
                return userId == call.CallerId
                    ? HardEnd(call, CallStatus.Cancelled, CallEndReason.Cancelled, userId, trigger, context)
                    : HardEnd(call, CallStatus.Rejected, CallEndReason.Rejected, userId, trigger, context);
            case CallStatus.Interrupted:
                // Whoever ends an interrupted call explicitly ends it for good: soft ends only make sense while both are there.
                return HardEnd(call, CallStatus.Ended, CallEndReason.HungUp, userId, trigger, context);
        }

        var hard = permanent || !context.Settings.SoftEndOnHangup || MustEndHard(call, userId, context);
        return hard
            ? HardEnd(call, CallStatus.Ended, CallEndReason.HungUp, userId, trigger, context)
            : SoftEnd(call, userId, trigger, context);
    }

    /// <summary>A participant without any socket for the whole grace: a non-permanent end, reason "disconnected" if hard.</summary>
    private static TransitionResult UserGone(CallRecord call, string userId, CallContext context)
    {
        if (!call.IsParticipant(userId) || call.Status.IsTerminal())
        {
            return TransitionResult.Unchanged();
        }
        if (call.Status == CallStatus.Pending)
        {
            return userId == call.CallerId
                ? HardEnd(call, CallStatus.Cancelled, CallEndReason.CallerDisconnected, userId, "disconnect", context)
                : TransitionResult.Unchanged(Decision(call, userId, "disconnect", context, "none", null));
        }
        if (call.IsAway(userId))
        {
            return TransitionResult.Unchanged(Decision(call, userId, "disconnect", context, "none", null));
        }
        return MustEndHard(call, userId, context)
            ? HardEnd(call, CallStatus.Ended, CallEndReason.Disconnected, userId, "disconnect", context)
            : SoftEnd(call, userId, "disconnect", context);
    }

    private static bool MustEndHard(CallRecord call, string userId, CallContext context) =>
        CallClock.RemainingMs(call, context.Now) <= context.Settings.SoftEndThreshold.TotalMilliseconds
        || call.RejoinedUserIds.Contains(userId);

    /// <summary>The user steps away: the timer pauses and the user has a rejoin window.</summary>
    private static TransitionResult SoftEnd(CallRecord call, string userId, string trigger, CallContext context)
    {
        var now = context.Now;
        var deadlines = new Dictionary<string, DateTimeOffset>(call.RejoinDeadlines) { [userId] = now + context.Settings.RejoinWindow };
        var next = call with
        {
            Status = CallStatus.Interrupted,
            InterruptedFrom = call.Status == CallStatus.Interrupted ? call.InterruptedFrom : call.Status,
            ActiveMs = CallClock.ActiveMsAt(call, now),
            LastResumedAt = null,
            EndsAt = null,
            ConnectDeadline = null,
            InterruptedUserIds = [.. call.InterruptedUserIds, userId],
            RejoinDeadlines = deadlines,
            JoinedUserIds = [.. call.JoinedUserIds.Where(id => id != userId)],
            Version = call.Version + 1,
        };
        return new TransitionResult
        {
            Next = next,
            Decision = Decision(call, userId, trigger, context, "soft", null),
            Effects =
            [
                new CallEffect.ReleaseCallSocket(userId),
                new CallEffect.Notify(CallNoticeKind.Interrupted, userId),
                new CallEffect.Notify(CallNoticeKind.PeerInterrupted, userId),
            ],
        };
    }

    /// <summary>The one way a call becomes terminal: settle, free both users, tell every tab.</summary>
    private static TransitionResult HardEnd(CallRecord call, CallStatus status, string reason, string? userId, string trigger, CallContext context)
    {
        var now = context.Now;
        var activeMs = call.Status == CallStatus.Pending ? 0 : CallClock.ActiveMsAt(call, now);
        var billed = Billing.BilledSeconds(activeMs);
        // Never above the hold (the limit was fixed so that the whole of it costs exactly the hold); the cap only
        // matters for a damaged record, which must not charge more than was set aside.
        var cost = Math.Min(Billing.Cost(billed, call.RatePerMinute), Math.Max(0, call.HoldCoins));
        var next = call with
        {
            Status = status,
            EndedAt = now,
            EndReason = reason,
            EndedBy = userId,
            ActiveMs = activeMs,
            LastResumedAt = null,
            RingDeadline = null,
            ConnectDeadline = null,
            EndsAt = null,
            InterruptedUserIds = [],
            RejoinDeadlines = new Dictionary<string, DateTimeOffset>(),
            BilledSeconds = billed,
            CoinsCharged = cost,
            SettledAt = now,
            Version = call.Version + 1,
        };

        var ledger = new List<LedgerEntry>();
        if (call.HoldCoins > 0)
        {
            ledger.Add(new LedgerEntry(call.Id, LedgerKind.Release, call.CallerId, call.HoldCoins, now));
        }
        if (cost > 0)
        {
            ledger.Add(new LedgerEntry(call.Id, LedgerKind.Charge, call.CallerId, cost, now));
            ledger.Add(new LedgerEntry(call.Id, LedgerKind.Earn, call.CalleeId, cost, now));
        }
        var effects = new List<CallEffect> { new CallEffect.DisbandCallRoom(), new CallEffect.Notify(CallNoticeKind.Ended) };
        if (call.HoldCoins > 0 || cost > 0)
        {
            effects.Add(new CallEffect.Notify(CallNoticeKind.WalletUpdated, call.CallerId));
        }
        if (cost > 0)
        {
            effects.Add(new CallEffect.Notify(CallNoticeKind.WalletUpdated, call.CalleeId));
        }
        return new TransitionResult
        {
            Next = next,
            Ledger = ledger,
            Users =
            [
                new UserPatch(call.CallerId, call.Id, CoinsDelta: call.HoldCoins - cost, HeldDelta: -call.HoldCoins, OnCall: false),
                new UserPatch(call.CalleeId, call.Id, EarningsDelta: cost, OnCall: false),
            ],
            Effects = effects,
            Decision = Decision(call, userId, trigger, context, "hard", reason),
        };
    }

    private static EndDecision Decision(CallRecord call, string? userId, string trigger, CallContext context, string verdict, string? reason) =>
        new(call.Id, userId, trigger, call.Status, CallClock.RemainingMs(call, context.Now),
            userId is not null && call.RejoinedUserIds.Contains(userId), userId is not null && call.IsAway(userId), verdict, reason);
}
