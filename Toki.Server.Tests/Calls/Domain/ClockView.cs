using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// The timer-related fields of a record, times as seconds after <see cref="CallRecords.T0"/>: the state
/// (<c>ended completed</c>), accumulated ms, when it resumed, when it ends, the connect deadline, who is away
/// until when (<c>alice@115</c>), the wire's remaining seconds (live calls) and the billed seconds.
/// </summary>
internal sealed record ClockView(string State, long ActiveMs, double? ResumedAt, double? EndsAt, double? ConnectDeadline, string Away,
    int? Remaining, int Billed)
{
    public static ClockView Of(CallRecord call, DateTimeOffset now) => new(
        call.Status.IsTerminal() ? $"{call.Status.ToWire()} {call.EndReason}" : call.Status.ToWire(),
        call.ActiveMs,
        Seconds(call.LastResumedAt),
        Seconds(call.EndsAt),
        Seconds(call.ConnectDeadline),
        string.Join(',', call.InterruptedUserIds.Select(user => $"{user}@{Seconds(call.RejoinDeadlines[user])}")),
        call.Status.IsTerminal() ? null : CallClock.RemainingSeconds(call, now),
        call.BilledSeconds);

    private static double? Seconds(DateTimeOffset? at) => at is { } value ? (value - CallRecords.T0).TotalMilliseconds / 1000 : null;
}
