using Toki.Calls.Domain;
using Toki.Server.Wire;
using static Toki.Server.Wire.AdminPayloads;

namespace Toki.Server.Http;

/// <summary>The admin API's bodies made from the stored records; <see cref="AdminPayloads"/> holds their shapes.</summary>
internal static class AdminJson
{
    public static AdminUser User(UserRecord user, bool online) =>
        new(user.Id, user.Name, user.Coins, user.HeldCoins, user.Earnings, user.IsOnCall, user.CurrentCallId, online);

    /// <summary>The whole stored record, and what follows from it at <paramref name="now"/>.</summary>
    public static AdminCall Call(CallRecord call, DateTimeOffset now) => new(
        call.Id,
        call.Type,
        call.Status,
        new AdminParty(call.CallerId, call.CallerName),
        new AdminParty(call.CalleeId, call.CalleeName),
        StatusHistory(call),
        call.CreatedAt,
        call.AcceptedAt,
        call.StartedAt,
        call.EndedAt,
        call.EndReason,
        call.EndedBy,
        call.JoinedUserIds,
        call.InterruptedUserIds,
        call.InterruptedFrom,
        call.RejoinedUserIds,
        new AdminDeadlines(call.RingDeadline, call.ConnectDeadline, call.EndsAt, call.RejoinDeadlines),
        new AdminTimer(call.DurationLimitSec, call.ActiveMs, call.LastResumedAt,
            call.Status.IsTerminal() ? call.ActiveMs : CallClock.ActiveMsAt(call, now),
            call.Status.IsTerminal() ? 0 : CallClock.RemainingSeconds(call, now)),
        new AdminBilling(call.RatePerMinute, call.HoldCoins, call.BilledSeconds, call.CoinsCharged, call.SettledAt),
        call.Version);

    /// <summary>
    /// The milestones the record keeps a time for, in order: placed (pending), answered (accepted), media connected
    /// (active), over (the terminal status). Interruptions and rejoins between them are in the call audit log.
    /// </summary>
    public static IReadOnlyList<AdminStatusMilestone> StatusHistory(CallRecord call)
    {
        var history = new List<AdminStatusMilestone> { new(CallStatus.Pending, call.CreatedAt) };
        if (call.AcceptedAt is { } accepted)
        {
            history.Add(new(CallStatus.Accepted, accepted));
        }
        if (call.StartedAt is { } started)
        {
            history.Add(new(CallStatus.Active, started));
        }
        if (call.Status == CallStatus.Interrupted)
        {
            history.Add(new(CallStatus.Interrupted, null));
        }
        if (call.EndedAt is { } ended)
        {
            history.Add(new(call.Status, ended));
        }
        return history;
    }

    public static AdminLedger Ledger(string callId, IReadOnlyList<LedgerEntry> entries) =>
        new(callId, [.. entries.Select(entry => new AdminLedgerEntry(entry.Key, entry.Kind.ToString().ToLowerInvariant(), entry.UserId, entry.Amount, entry.At))]);
}
