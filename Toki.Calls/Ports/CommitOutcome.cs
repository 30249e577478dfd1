namespace Toki.Calls.Ports;

public enum CommitOutcomeKind
{
    Committed,

    /// <summary>The call's version moved on: someone else changed it first.</summary>
    VersionConflict,

    /// <summary>A new call was refused: one of its participants already has a live call.</summary>
    ParticipantBusy,
}

/// <param name="Repeated">
/// Committed because the stored call is already exactly this commit's (the repeat of a commit whose outcome was
/// unknown). On a first attempt that cannot be this writer's own commit: another server wrote an identical record (two
/// tabs accepting within the same millisecond), and the writer must treat it as a conflict.
/// </param>
public readonly record struct CommitOutcome(CommitOutcomeKind Kind, string? BusyUserId = null, bool Repeated = false)
{
    public static CommitOutcome Committed { get; } = new(CommitOutcomeKind.Committed);

    /// <summary>The stored call is exactly the commit's already.</summary>
    public static CommitOutcome AlreadyStored { get; } = new(CommitOutcomeKind.Committed, Repeated: true);

    public static CommitOutcome VersionConflict { get; } = new(CommitOutcomeKind.VersionConflict);

    public static CommitOutcome Busy(string userId) => new(CommitOutcomeKind.ParticipantBusy, userId);
}
