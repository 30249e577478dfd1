using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

/// <summary>
/// Which calls an operator lists (newest first): every call, only the live ones (<see cref="LiveOnly"/>: not over yet)
/// or those of one <see cref="Status"/>; of everyone or of one user as caller or callee. Live and a status exclude each other.
/// </summary>
public sealed record CallQuery
{
    public CallQuery(string? userId = null, CallStatus? status = null, bool liveOnly = false)
    {
        if (liveOnly && status is not null)
        {
            throw new ArgumentException("A query lists either the live calls or the calls of one status.", nameof(status));
        }
        UserId = userId;
        Status = status;
        LiveOnly = liveOnly;
    }

    public string? UserId { get; }

    public CallStatus? Status { get; }

    public bool LiveOnly { get; }

    public static CallQuery All { get; } = new();

    /// <summary>Whether the query selects <paramref name="call"/> (the cursor aside).</summary>
    public bool Matches(CallRecord call) =>
        (UserId is null || call.IsParticipant(UserId))
        && (!LiveOnly || !call.Status.IsTerminal())
        && (Status is null || call.Status == Status);
}
