namespace Toki.Calls.Domain;

/// <summary>
/// The outcome of a pure transition: a refusal (<see cref="Error"/> without <see cref="Next"/>), nothing to do
/// (neither), or a new record to commit atomically with its ledger entries and user patches, followed by its
/// effects. An accept refused for lack of coins has both: the call is cancelled and the ack carries the error.
/// </summary>
public sealed record TransitionResult
{
    public CallRecord? Next { get; init; }

    public CallError? Error { get; init; }

    public IReadOnlyList<LedgerEntry> Ledger { get; init; } = [];

    public IReadOnlyList<UserPatch> Users { get; init; } = [];

    public IReadOnlyList<CallEffect> Effects { get; init; } = [];

    public EndDecision? Decision { get; init; }

    public static TransitionResult Refused(CallError error) => new() { Error = error };

    public static TransitionResult Unchanged(EndDecision? decision = null) => new() { Decision = decision };
}
