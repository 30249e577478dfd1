using Toki.Calls.Domain;

namespace Toki.Calls.Service;

/// <summary>Makes the participants' view of a call at a given moment.</summary>
public static class CallSnapshotFactory
{
    public static CallSnapshot Create(CallRecord call, DateTimeOffset now) => new()
    {
        CallId = call.Id,
        Caller = new CallParty(call.CallerId, call.CallerName),
        Callee = new CallParty(call.CalleeId, call.CalleeName),
        CallerId = call.CallerId,
        CalleeId = call.CalleeId,
        Type = call.Type,
        Status = call.Status,
        CreatedAt = call.CreatedAt,
        AcceptedAt = call.AcceptedAt,
        StartedAt = call.StartedAt,
        EndedAt = call.EndedAt,
        EndReason = call.EndReason,
        DurationLimitSec = call.DurationLimitSec,
        ActiveMs = call.Status.IsTerminal() ? call.ActiveMs : CallClock.ActiveMsAt(call, now),
        LastResumedAt = call.LastResumedAt,
        JoinedUserIds = call.JoinedUserIds,
        InterruptedUserIds = call.InterruptedUserIds,
        RejoinedUserIds = call.RejoinedUserIds,
        RejoinDeadlines = call.RejoinDeadlines,
        RejoinDeadline = call.RejoinDeadline,
        RingDeadline = call.RingDeadline,
        ConnectDeadline = call.ConnectDeadline,
        EndsAt = call.EndsAt,
        HoldCoins = call.HoldCoins,
        CoinsCharged = call.CoinsCharged,
        BilledSeconds = call.BilledSeconds,
        SettledAt = call.SettledAt,
        Version = call.Version,
        RemainingTime = call.Status.IsTerminal() ? 0 : CallClock.RemainingSeconds(call, now),
    };
}
