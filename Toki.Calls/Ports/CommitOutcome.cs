namespace Toki.Calls.Ports;

public enum CommitOutcomeKind
{
    Committed,

    /// <summary>The call's version moved on: someone else changed it first.</summary>
    VersionConflict,

    /// <summary>A new call was refused: one of its participants already has a live call.</summary>
    ParticipantBusy,
}

public readonly record struct CommitOutcome(CommitOutcomeKind Kind, string? BusyUserId = null)
{
    public static CommitOutcome Committed { get; } = new(CommitOutcomeKind.Committed);

    public static CommitOutcome VersionConflict { get; } = new(CommitOutcomeKind.VersionConflict);

    public static CommitOutcome Busy(string userId) => new(CommitOutcomeKind.ParticipantBusy, userId);
}
