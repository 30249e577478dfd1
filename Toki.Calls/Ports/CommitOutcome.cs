using Toki.Calls.Domain;

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
/// <param name="UsersAfterCommit">
/// Optional, only with a commit that applied its user patches itself (never with <see cref="Repeated"/>): each user whose
/// balances the commit changed, once, as it stands right after the commit, so that the service need not read it again for
/// the wallet notice. Null when the store does not report them (or the commit changed no balance); then the service
/// reads the user.
/// </param>
public readonly record struct CommitOutcome(CommitOutcomeKind Kind, string? BusyUserId = null, bool Repeated = false,
    IReadOnlyList<UserRecord>? UsersAfterCommit = null)
{
    public static CommitOutcome Committed { get; } = new(CommitOutcomeKind.Committed);

    /// <summary>The stored call is exactly the commit's already.</summary>
    public static CommitOutcome AlreadyStored { get; } = new(CommitOutcomeKind.Committed, Repeated: true);

    public static CommitOutcome VersionConflict { get; } = new(CommitOutcomeKind.VersionConflict);

    public static CommitOutcome Busy(string userId) => new(CommitOutcomeKind.ParticipantBusy, userId);

    /// <summary>Committed, with the users whose balances the commit changed, as they stand after it.</summary>
    public static CommitOutcome CommittedWith(IReadOnlyList<UserRecord> usersAfterCommit) =>
        new(CommitOutcomeKind.Committed, UsersAfterCommit: usersAfterCommit);

    /// <summary>
    /// The user as this commit left it, when the store reported it. Never from a repeated outcome: that commit was found
    /// already landed, so its balances were not observed right after it.
    /// </summary>
    public UserRecord? UserAfterCommit(string userId)
    {
        if (!Repeated && UsersAfterCommit is { } users)
        {
            foreach (var user in users)
            {
                if (user.Id == userId)
                {
                    return user;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Equal when they give the same answer: the users after the commit are what the store saw while answering, not
    /// part of the answer, so a store that reports them answers <see cref="Committed"/> like one that does not.
    /// </summary>
    public bool Equals(CommitOutcome other) => Kind == other.Kind && BusyUserId == other.BusyUserId && Repeated == other.Repeated;

    public override int GetHashCode() => HashCode.Combine(Kind, BusyUserId, Repeated);
}
