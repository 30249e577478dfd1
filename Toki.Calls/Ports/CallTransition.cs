using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

/// <summary>
/// One committed change of a call: the record before (null when the call was just placed) and after, what caused it
/// (<see cref="Action"/> such as <c>accept</c>, <c>end</c>, <c>deadline</c>, <c>admin-end</c>; <see cref="ActorKind"/>
/// <c>user</c>, <c>timer</c> or <c>admin</c>, with the user in <see cref="ActorId"/>), the end decision's inputs when
/// there was one, the ledger entries committed with it, and when.
/// </summary>
public sealed record CallTransition(
    CallRecord? Previous,
    CallRecord Current,
    string Action,
    string ActorKind,
    string? ActorId,
    EndDecision? Decision,
    IReadOnlyList<LedgerEntry> Ledger,
    DateTimeOffset At,
    string? Note = null);
