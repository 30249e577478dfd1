using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;

namespace Toki.Calls.Notices;

/// <summary>
/// What the call service tells clients, as typed values. Which event carries each notice and how it is written
/// is the gateway's business; <c>RemainingTime</c> is whole seconds left, computed when the notice is made.
/// </summary>
public abstract record CallNotice
{
    private CallNotice()
    {
    }

    /// <summary>The user's live call (null: none) and the user's place in it, for a socket that just connected.</summary>
    public sealed record State(CallSnapshot? Call, ParticipantState? You) : CallNotice;

    /// <summary>A call is ringing for the callee.</summary>
    public sealed record Incoming(string CallId, string CallerId, CallParty Caller, CallType Type, DateTimeOffset? ExpiresAt) : CallNotice;

    /// <summary>The caller's call is ringing at the callee.</summary>
    public sealed record Ringing(string CallId, string CalleeId, DateTimeOffset? ExpiresAt) : CallNotice;

    /// <summary>The call was accepted: connect the media with these credentials.</summary>
    public sealed record Proceed(string CallId, CallRole Role, CallType Type, int DurationLimit, int RemainingTime, MediaCredentials Media)
        : CallNotice;

    /// <summary>Both joined the media: the timer runs.</summary>
    public sealed record Started(string CallId, DateTimeOffset? StartedAt, int RemainingTime) : CallNotice;

    /// <summary>To the away user: the call is paused and may be rejoined until the deadline.</summary>
    public sealed record Interrupted(string CallId, int RemainingTime, DateTimeOffset RejoinDeadline, bool CanRejoin) : CallNotice;

    /// <summary>To the present user: <paramref name="UserId"/> went away.</summary>
    public sealed record PeerInterrupted(string CallId, string UserId, int RemainingTime, DateTimeOffset RejoinDeadline) : CallNotice;

    /// <summary>To the rejoiner: back in the call, with fresh media.</summary>
    public sealed record Rejoined(string CallId, CallStatus Status, MediaCredentials Media, int RemainingTime) : CallNotice;

    /// <summary>To the other participant: <paramref name="UserId"/> rejoined.</summary>
    public sealed record PeerRejoined(string CallId, string UserId, CallStatus Status, int RemainingTime) : CallNotice;

    /// <summary>To the other participant: <paramref name="UserId"/> resynced from another socket; renegotiate.</summary>
    public sealed record PeerResumed(string CallId, string UserId, bool Initiator) : CallNotice;

    /// <summary>The call's limit is near.</summary>
    public sealed record TimeWarning(string CallId, int RemainingTime) : CallNotice;

    /// <summary>The call reached a terminal status and is settled.</summary>
    public sealed record Ended(string CallId, CallStatus Status, string? Reason, int BilledSeconds, long CoinsCharged, DateTimeOffset? EndedAt)
        : CallNotice;

    /// <summary>Clear the call from the screen: it ended (<paramref name="CallId"/> null: no call was live).</summary>
    public sealed record Cleared(string? CallId, string? Reason) : CallNotice;

    /// <summary>Clear the ringing call from the screen: another tab answered it.</summary>
    public sealed record AnsweredElsewhere(string CallId) : CallNotice;

    /// <summary>The user's balance as stored now.</summary>
    public sealed record WalletUpdated(long Coins, long HeldCoins, long Earnings) : CallNotice;
}
