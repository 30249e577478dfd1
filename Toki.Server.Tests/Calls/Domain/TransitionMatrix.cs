using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CommandKind;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// The expected outcome of every (status, command, actor) on the fixtures of <see cref="CallRecords"/> at T0 with
/// default settings and 100 caller coins. In <c>interrupted</c>, alice (caller) is present and bob (callee) away.
/// </summary>
internal static class TransitionMatrix
{
    public const string Timer = "timer";
    public const string Operator = "operator";

    private const string NotParticipant = "error not_participant";
    private const string NotAllowed = "error not_allowed";
    private const string InvalidState = "error invalid_state";
    private const string CallEnded = "error call_ended";
    private const string NotInterrupted = "error not_interrupted";

    /// <summary>(status, command) → outcome for the caller, the callee and a stranger.</summary>
    private static readonly (CallStatus Status, CommandKind Command, string Caller, string Callee, string Stranger)[] LiveRows =
    [
        (CallStatus.Pending, Accept, NotAllowed, "accepted", NotParticipant),
        (CallStatus.Pending, Reject, NotAllowed, "rejected rejected", NotParticipant),
        (CallStatus.Pending, Cancel, "cancelled cancelled", NotAllowed, NotParticipant),
        (CallStatus.Pending, Joined, InvalidState, InvalidState, NotParticipant),
        (CallStatus.Pending, EndSoft, "cancelled cancelled", "rejected rejected", NotParticipant),
        (CallStatus.Pending, EndPermanent, "cancelled cancelled", "rejected rejected", NotParticipant),
        (CallStatus.Pending, Rejoin, NotInterrupted, NotInterrupted, NotParticipant),
        (CallStatus.Pending, ClearAll, "cancelled cleared", "rejected cleared", NotParticipant),
        (CallStatus.Pending, UserGone, "cancelled caller_disconnected", "unchanged", "unchanged"),

        (CallStatus.Accepted, Accept, NotAllowed, InvalidState, NotParticipant),
        (CallStatus.Accepted, Reject, NotAllowed, InvalidState, NotParticipant),
        (CallStatus.Accepted, Cancel, InvalidState, NotAllowed, NotParticipant),
        (CallStatus.Accepted, Joined, "accepted", "accepted", NotParticipant),
        (CallStatus.Accepted, EndSoft, "interrupted", "interrupted", NotParticipant),
        (CallStatus.Accepted, EndPermanent, "ended hung_up", "ended hung_up", NotParticipant),
        (CallStatus.Accepted, Rejoin, NotInterrupted, NotInterrupted, NotParticipant),
        (CallStatus.Accepted, ClearAll, "ended cleared", "ended cleared", NotParticipant),
        (CallStatus.Accepted, UserGone, "interrupted", "interrupted", "unchanged"),

        (CallStatus.Active, Accept, NotAllowed, InvalidState, NotParticipant),
        (CallStatus.Active, Reject, NotAllowed, InvalidState, NotParticipant),
        (CallStatus.Active, Cancel, InvalidState, NotAllowed, NotParticipant),
        (CallStatus.Active, Joined, "unchanged", "unchanged", NotParticipant),
        (CallStatus.Active, EndSoft, "interrupted", "interrupted", NotParticipant),
        (CallStatus.Active, EndPermanent, "ended hung_up", "ended hung_up", NotParticipant),
        (CallStatus.Active, Rejoin, NotInterrupted, NotInterrupted, NotParticipant),
        (CallStatus.Active, ClearAll, "ended cleared", "ended cleared", NotParticipant),
        (CallStatus.Active, UserGone, "interrupted", "interrupted", "unchanged"),

        (CallStatus.Interrupted, Accept, NotAllowed, InvalidState, NotParticipant),
        (CallStatus.Interrupted, Reject, NotAllowed, InvalidState, NotParticipant),
        (CallStatus.Interrupted, Cancel, InvalidState, NotAllowed, NotParticipant),
        (CallStatus.Interrupted, Joined, "unchanged", InvalidState, NotParticipant),
        (CallStatus.Interrupted, EndSoft, "ended hung_up", "ended hung_up", NotParticipant),
        (CallStatus.Interrupted, EndPermanent, "ended hung_up", "ended hung_up", NotParticipant),
        (CallStatus.Interrupted, Rejoin, NotInterrupted, "active", NotParticipant),
        (CallStatus.Interrupted, ClearAll, "ended cleared", "ended cleared", NotParticipant),
        (CallStatus.Interrupted, UserGone, "interrupted", "unchanged", "unchanged"),
    ];

    /// <summary>A timer at T0 finds no deadline passed on any fixture.</summary>
    private static readonly (CallStatus Status, string Outcome)[] TimerRows =
    [
        (CallStatus.Pending, "unchanged"),
        (CallStatus.Accepted, "unchanged"),
        (CallStatus.Active, "unchanged"),
        (CallStatus.Interrupted, "unchanged"),
    ];

    /// <summary>An operator's end settles any live call (a ringing one as cancelled).</summary>
    private static readonly (CallStatus Status, string Outcome)[] OperatorRows =
    [
        (CallStatus.Pending, "cancelled ended_by_admin"),
        (CallStatus.Accepted, "ended ended_by_admin"),
        (CallStatus.Active, "ended ended_by_admin"),
        (CallStatus.Interrupted, "ended ended_by_admin"),
    ];

    private static readonly CallStatus[] TerminalStatuses = [CallStatus.Ended, CallStatus.Missed, CallStatus.Rejected, CallStatus.Cancelled];

    /// <summary>Every row, one per (status, command, actor).</summary>
    public static IEnumerable<(CallStatus Status, CommandKind Command, string Actor, string Expected)> Rows()
    {
        foreach (var (status, command, caller, callee, stranger) in LiveRows)
        {
            yield return (status, command, CallRecords.Caller, caller);
            yield return (status, command, CallRecords.Callee, callee);
            yield return (status, command, CallRecords.Stranger, stranger);
        }
        foreach (var (status, outcome) in TimerRows)
        {
            yield return (status, DeadlinesDue, Timer, outcome);
        }
        foreach (var (status, outcome) in OperatorRows)
        {
            yield return (status, AdminEnd, Operator, outcome);
        }
        // Any action on a terminal call answers call_ended (not_participant for strangers); nothing else moves it.
        foreach (var status in TerminalStatuses)
        {
            foreach (var command in new[] { Accept, Reject, Cancel, Joined, EndSoft, EndPermanent, Rejoin, ClearAll })
            {
                yield return (status, command, CallRecords.Caller, CallEnded);
                yield return (status, command, CallRecords.Callee, CallEnded);
                yield return (status, command, CallRecords.Stranger, NotParticipant);
            }
            yield return (status, UserGone, CallRecords.Caller, "unchanged");
            yield return (status, UserGone, CallRecords.Callee, "unchanged");
            yield return (status, UserGone, CallRecords.Stranger, "unchanged");
            yield return (status, DeadlinesDue, Timer, "unchanged");
            yield return (status, AdminEnd, Operator, CallEnded);
        }
    }

    /// <summary>Who can send a command of this kind.</summary>
    public static IReadOnlyList<string> ActorsOf(CommandKind command) =>
        command switch
        {
            DeadlinesDue => [Timer],
            AdminEnd => [Operator],
            _ => [CallRecords.Caller, CallRecords.Callee, CallRecords.Stranger],
        };
}
