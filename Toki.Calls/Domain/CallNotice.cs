namespace Toki.Calls.Domain;

/// <summary>The server → client events a transition asks for; the service builds their payloads at send time.</summary>
public enum CallNotice
{
    /// <summary><c>call:incoming</c> to the callee's user room.</summary>
    Incoming,

    /// <summary><c>call:ringing</c> to the caller's user room.</summary>
    Ringing,

    /// <summary><c>call:proceed</c> to the user's call socket.</summary>
    Proceed,

    /// <summary><c>call:started</c> to the call room.</summary>
    Started,

    /// <summary><c>call:interrupted</c> to the away user's user room.</summary>
    Interrupted,

    /// <summary><c>call:peer-interrupted</c> to the other participant's call socket.</summary>
    PeerInterrupted,

    /// <summary><c>call:rejoined</c> to the rejoiner's call socket.</summary>
    Rejoined,

    /// <summary><c>call:peer-rejoined</c> to the other participant's call socket.</summary>
    PeerRejoined,

    /// <summary><c>call:ended</c> then <c>call:clear-all</c> to both user rooms.</summary>
    Ended,

    /// <summary><c>call:clear-all { reason: answered_elsewhere }</c> to every tab of both users but the call sockets.</summary>
    AnsweredElsewhere,

    /// <summary><c>wallet:updated</c> to the user's room.</summary>
    WalletUpdated,
}
