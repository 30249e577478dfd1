namespace Toki.Calls.Domain;

/// <summary>
/// The call state machine as a pure function: (record, command, context) → new record, ledger entries, user
/// patches and effects, or a refusal. No I/O, no clock: everything it reads is passed in.
/// </summary>
public static partial class CallTransitions
{
    public static TransitionResult Apply(CallRecord call, CallCommand command, CallContext context)
    {
        // Deadlines are authoritative: an action that arrives after one has passed (a late timer, store
        // retries, right after a restart) finds the call already over. A rejoin keeps its own check order.
        if (command is not (CallCommand.DeadlinesDue or CallCommand.Rejoin) && call.IsParticipant(ActorOf(command) ?? call.CallerId)
            && DeadlinesDue(call, context) is { Next: not null } overdue)
        {
            return ActorOf(command) is null ? overdue : overdue with { Error = CallError.CallEnded() };
        }
        return Dispatch(call, command, context);
    }

    private static string? ActorOf(CallCommand command) => command switch
    {
        CallCommand.Accept accept => accept.UserId,
        CallCommand.Reject reject => reject.UserId,
        CallCommand.Cancel cancel => cancel.UserId,
        CallCommand.Joined joined => joined.UserId,
        CallCommand.End end => end.UserId,
        CallCommand.ClearAll clear => clear.UserId,
        CallCommand.UserGone gone => gone.UserId,
        _ => null,
    };

    private static TransitionResult Dispatch(CallRecord call, CallCommand command, CallContext context) => command switch
    {
        CallCommand.Accept accept => Accept(call, accept, context),
        CallCommand.Reject reject => Answer(call, reject.UserId, context, byCallee: true),
        CallCommand.Cancel cancel => Answer(call, cancel.UserId, context, byCallee: false),
        CallCommand.Joined joined => Joined(call, joined.UserId, context),
        CallCommand.End end => End(call, end.UserId, end.Permanent, context),
        CallCommand.Rejoin rejoin => Rejoin(call, rejoin, context),
        CallCommand.ClearAll clear => ClearAll(call, clear.UserId, context),
        CallCommand.UserGone gone => UserGone(call, gone.UserId, context),
        CallCommand.DeadlinesDue => DeadlinesDue(call, context),
        CallCommand.AdminEnd => AdminEnd(call, context),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>The checks every participant action starts with: participant, then not terminal.</summary>
    internal static CallError? CheckParticipant(CallRecord call, string userId)
    {
        if (!call.IsParticipant(userId))
        {
            return CallError.NotParticipant();
        }
        return call.Status.IsTerminal() ? CallError.CallEnded() : null;
    }

    private static TransitionResult Accept(CallRecord call, CallCommand.Accept command, CallContext context)
    {
        if (CheckParticipant(call, command.UserId) is { } error)
        {
            return TransitionResult.Refused(error);
        }
        if (command.UserId != call.CalleeId)
        {
            return TransitionResult.Refused(CallError.NotAllowed("Only the callee can accept the call."));
        }
        if (call.Status != CallStatus.Pending)
        {
            return TransitionResult.Refused(CallError.InvalidState(call.Status, "accept"));
        }

        var settings = context.Settings;
        var coins = context.CallerCoins ?? 0;
        if (coins < call.RatePerMinute)
        {
            var ended = HardEnd(call, CallStatus.Cancelled, CallEndReason.InsufficientCoins, command.UserId, "accept", context);
            return ended with { Error = new CallError(CallErrorCode.InsufficientCoins, "The caller's coins no longer cover one minute.") };
        }

        var limit = Billing.DurationLimitSeconds(coins, call.RatePerMinute, settings.MaxDuration);
        var hold = Billing.HoldFor(limit, call.RatePerMinute);
        var now = context.Now;
        var next = call with
        {
            Status = CallStatus.Accepted,
            AcceptedAt = now,
            DurationLimitSec = limit,
            HoldCoins = hold,
            RingDeadline = null,
            ConnectDeadline = now + settings.ConnectTimeout,
            Version = call.Version + 1,
        };
        List<CallEffect> effects =
        [
            new CallEffect.AssignCallSocket(call.CalleeId, command.SocketId),
            new CallEffect.Notify(CallNoticeKind.Proceed, call.CallerId),
            new CallEffect.Notify(CallNoticeKind.Proceed, call.CalleeId),
            new CallEffect.Notify(CallNoticeKind.AnsweredElsewhere),
        ];
        if (hold > 0)
        {
            effects.Add(new CallEffect.Notify(CallNoticeKind.WalletUpdated, call.CallerId));
        }
        return new TransitionResult
        {
            Next = next,
            Ledger = hold > 0 ? [new LedgerEntry(call.Id, LedgerKind.Hold, call.CallerId, hold, now)] : [],
            Users = hold > 0 ? [new UserPatch(call.CallerId, call.Id, CoinsDelta: -hold, HeldDelta: hold)] : [],
            Effects = effects,
        };
    }

    private static TransitionResult Answer(CallRecord call, string userId, CallContext context, bool byCallee)
    {
        if (CheckParticipant(call, userId) is { } error)
        {
            return TransitionResult.Refused(error);
        }
        if (userId != (byCallee ? call.CalleeId : call.CallerId))
        {
            return TransitionResult.Refused(CallError.NotAllowed(byCallee ? "Only the callee can reject the call." : "Only the caller can cancel the call."));
        }
        if (call.Status != CallStatus.Pending)
        {
            return TransitionResult.Refused(CallError.InvalidState(call.Status, byCallee ? "reject" : "cancel"));
        }
        return byCallee
            ? HardEnd(call, CallStatus.Rejected, CallEndReason.Rejected, userId, "reject", context)
            : HardEnd(call, CallStatus.Cancelled, CallEndReason.Cancelled, userId, "cancel", context);
    }

    private static TransitionResult Joined(CallRecord call, string userId, CallContext context)
    {
        if (CheckParticipant(call, userId) is { } error)
        {
            return TransitionResult.Refused(error);
        }
        if (call.Status == CallStatus.Pending || (call.Status == CallStatus.Interrupted && call.IsAway(userId)))
        {
            return TransitionResult.Refused(CallError.InvalidState(call.Status, call.Status == CallStatus.Pending ? "join the media of" : "join while away from"));
        }
        if (call.JoinedUserIds.Contains(userId))
        {
            return TransitionResult.Unchanged();
        }

        var joined = call.JoinedUserIds.Append(userId).ToArray();
        var next = call with { JoinedUserIds = joined, Version = call.Version + 1 };
        if (call.Status != CallStatus.Accepted || !joined.Contains(call.CallerId) || !joined.Contains(call.CalleeId))
        {
            return new TransitionResult { Next = next };
        }

        var now = context.Now;
        next = next with
        {
            Status = CallStatus.Active,
            StartedAt = call.StartedAt ?? now,
            LastResumedAt = now,
            EndsAt = now + TimeSpan.FromMilliseconds(CallClock.RemainingMs(call, now)),
            ConnectDeadline = null,
        };
        return new TransitionResult { Next = next, Effects = [new CallEffect.Notify(CallNoticeKind.Started)] };
    }

    /// <summary>An operator's hard end: refused only for a call that is already over; a ringing call counts as cancelled.</summary>
    private static TransitionResult AdminEnd(CallRecord call, CallContext context)
    {
        if (call.Status.IsTerminal())
        {
            return TransitionResult.Refused(CallError.CallEnded());
        }
        var status = call.Status == CallStatus.Pending ? CallStatus.Cancelled : CallStatus.Ended;
        return HardEnd(call, status, CallEndReason.EndedByAdmin, null, "admin", context);
    }

    private static TransitionResult ClearAll(CallRecord call, string userId, CallContext context)
    {
        if (CheckParticipant(call, userId) is { } error)
        {
            return TransitionResult.Refused(error);
        }
        var status = call.Status != CallStatus.Pending ? CallStatus.Ended
            : userId == call.CallerId ? CallStatus.Cancelled : CallStatus.Rejected;
        return HardEnd(call, status, CallEndReason.Cleared, userId, "clear-all", context);
    }
}
