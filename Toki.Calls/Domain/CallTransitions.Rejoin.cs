namespace Toki.Calls.Domain;

public static partial class CallTransitions
{
    /// <summary>
    /// The one rejoin per user. Checks in the contract's order: participant, terminal, already rejoined,
    /// away, deadline. The timer resumes once nobody is away any more.
    /// </summary>
    private static TransitionResult Rejoin(CallRecord call, CallCommand.Rejoin command, CallContext context)
    {
        var userId = command.UserId;
        if (CheckParticipant(call, userId) is { } error)
        {
            return TransitionResult.Refused(error);
        }
        if (call.RejoinedUserIds.Contains(userId))
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.RejoinUsed, "You have already used your rejoin for this call."));
        }
        if (call.Status != CallStatus.Interrupted || !call.IsAway(userId))
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.NotInterrupted, "You are not away from this call."));
        }
        var now = context.Now;
        if (call.RejoinDeadlines.TryGetValue(userId, out var deadline) && now >= deadline)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.RejoinExpired, "The rejoin window has passed."));
        }

        var away = call.InterruptedUserIds.Where(id => id != userId).ToArray();
        var deadlines = call.RejoinDeadlines.Where(pair => pair.Key != userId).ToDictionary(pair => pair.Key, pair => pair.Value);
        var next = call with
        {
            RejoinedUserIds = [.. call.RejoinedUserIds, userId],
            InterruptedUserIds = away,
            RejoinDeadlines = deadlines,
            Version = call.Version + 1,
        };
        if (away.Length == 0)
        {
            var resumed = call.InterruptedFrom ?? CallStatus.Active;
            next = next with { Status = resumed, InterruptedFrom = null };
            next = resumed == CallStatus.Active
                ? next with { LastResumedAt = now, EndsAt = now + TimeSpan.FromMilliseconds(CallClock.RemainingMs(call, now)) }
                : next with { ConnectDeadline = now + context.Settings.ConnectTimeout };
        }
        return new TransitionResult
        {
            Next = next,
            Effects =
            [
                new CallEffect.AssignCallSocket(userId, command.SocketId),
                new CallEffect.Notify(CallNoticeKind.Rejoined, userId),
                new CallEffect.Notify(CallNoticeKind.PeerRejoined, userId),
            ],
        };
    }
}
