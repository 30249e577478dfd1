using Toki.Calls.Domain;
using Toki.Calls.Service;

namespace Toki.Server.Http;

/// <summary>The admin API's bodies (camelCase like the rest of the API; times as ISO-8601 UTC with milliseconds).</summary>
internal static class AdminJson
{
    public static object User(UserRecord user, bool online) => new
    {
        userId = user.Id,
        name = user.Name,
        coins = user.Coins,
        heldCoins = user.HeldCoins,
        earnings = user.Earnings,
        isOnCall = user.IsOnCall,
        currentCallId = user.CurrentCallId,
        online,
    };

    /// <summary>The whole stored record, and what follows from it at <paramref name="now"/>.</summary>
    public static object Call(CallRecord call, DateTimeOffset now) => new
    {
        callId = call.Id,
        type = call.Type == CallType.Video ? "video" : "audio",
        status = call.Status.ToWire(),
        caller = new { userId = call.CallerId, name = call.CallerName },
        callee = new { userId = call.CalleeId, name = call.CalleeName },
        statusHistory = StatusHistory(call),
        createdAt = WireTime.Format(call.CreatedAt),
        acceptedAt = WireTime.Format(call.AcceptedAt),
        startedAt = WireTime.Format(call.StartedAt),
        endedAt = WireTime.Format(call.EndedAt),
        endReason = call.EndReason,
        endedBy = call.EndedBy,
        joinedUserIds = call.JoinedUserIds,
        interruptedUserIds = call.InterruptedUserIds,
        interruptedFrom = call.InterruptedFrom?.ToWire(),
        rejoinedUserIds = call.RejoinedUserIds,
        deadlines = new
        {
            ring = WireTime.Format(call.RingDeadline),
            connect = WireTime.Format(call.ConnectDeadline),
            endsAt = WireTime.Format(call.EndsAt),
            rejoin = call.RejoinDeadlines.ToDictionary(pair => pair.Key, pair => WireTime.Format(pair.Value)),
        },
        timer = new
        {
            durationLimit = call.DurationLimitSec,
            activeMs = call.ActiveMs,
            lastResumedAt = WireTime.Format(call.LastResumedAt),
            activeMsNow = call.Status.IsTerminal() ? call.ActiveMs : CallClock.ActiveMsAt(call, now),
            remainingTime = call.Status.IsTerminal() ? 0 : CallClock.RemainingSeconds(call, now),
        },
        billing = new
        {
            ratePerMinute = call.RatePerMinute,
            holdCoins = call.HoldCoins,
            billedSeconds = call.BilledSeconds,
            coinsCharged = call.CoinsCharged,
            settledAt = WireTime.Format(call.SettledAt),
        },
        version = call.Version,
    };

    /// <summary>
    /// The milestones the record keeps a time for, in order: placed (pending), answered (accepted), media connected
    /// (active), over (the terminal status). Interruptions and rejoins between them are in the call audit log.
    /// </summary>
    public static IReadOnlyList<object> StatusHistory(CallRecord call)
    {
        var history = new List<object> { new { status = "pending", at = WireTime.Format(call.CreatedAt) } };
        if (call.AcceptedAt is { } accepted)
        {
            history.Add(new { status = "accepted", at = WireTime.Format(accepted) });
        }
        if (call.StartedAt is { } started)
        {
            history.Add(new { status = "active", at = WireTime.Format(started) });
        }
        if (call.Status == CallStatus.Interrupted)
        {
            history.Add(new { status = "interrupted", at = (string?)null });
        }
        if (call.EndedAt is { } ended)
        {
            history.Add(new { status = call.Status.ToWire(), at = WireTime.Format(ended) });
        }
        return history;
    }

    public static object Ledger(string callId, IReadOnlyList<LedgerEntry> entries) => new
    {
        callId,
        entries = entries.Select(entry => new
        {
            key = entry.Key,
            kind = entry.Kind.ToString().ToLowerInvariant(),
            userId = entry.UserId,
            amount = entry.Amount,
            at = WireTime.Format(entry.At),
        }),
    };
}
