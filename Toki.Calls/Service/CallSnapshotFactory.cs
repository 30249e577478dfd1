using Toki.Calls.Domain;

namespace Toki.Calls.Service;

public static class CallSnapshotFactory
{
    public static CallSnapshot Create(CallRecord call, DateTimeOffset now) => new()
    {
        CallId = call.Id,
        Caller = new CallParty(call.CallerId, call.CallerName),
        Callee = new CallParty(call.CalleeId, call.CalleeName),
        CallerId = call.CallerId,
        CalleeId = call.CalleeId,
        Type = call.Type == CallType.Video ? "video" : "audio",
        Status = call.Status.ToWire(),
        CreatedAt = WireTime.Format(call.CreatedAt),
        AcceptedAt = WireTime.Format(call.AcceptedAt),
        StartedAt = WireTime.Format(call.StartedAt),
        EndedAt = WireTime.Format(call.EndedAt),
        EndReason = call.EndReason,
        DurationLimitSec = call.DurationLimitSec,
        ActiveMs = call.Status.IsTerminal() ? call.ActiveMs : CallClock.ActiveMsAt(call, now),
        LastResumedAt = WireTime.Format(call.LastResumedAt),
        JoinedUserIds = call.JoinedUserIds,
        InterruptedUserIds = call.InterruptedUserIds,
        RejoinedUserIds = call.RejoinedUserIds,
        RejoinDeadlines = call.RejoinDeadlines.ToDictionary(pair => pair.Key, pair => WireTime.Format(pair.Value)),
        RejoinDeadline = WireTime.Format(call.RejoinDeadline),
        RingDeadline = WireTime.Format(call.RingDeadline),
        ConnectDeadline = WireTime.Format(call.ConnectDeadline),
        EndsAt = WireTime.Format(call.EndsAt),
        HoldCoins = call.HoldCoins,
        CoinsCharged = call.CoinsCharged,
        BilledSeconds = call.BilledSeconds,
        SettledAt = WireTime.Format(call.SettledAt),
        Version = call.Version,
        RemainingTime = call.Status.IsTerminal() ? 0 : CallClock.RemainingSeconds(call, now),
    };
}
