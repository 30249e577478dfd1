namespace Toki.Calls.Domain;

/// <summary>
/// The notices a transition asks for; the service turns each into a <see cref="Notices.CallNotice"/> with its data
/// at send time (fresh media, the remaining time, the wallet as stored).
/// </summary>
public enum CallNoticeKind
{
    /// <summary>To every tab of the callee: a call is ringing for you.</summary>
    Incoming,

    /// <summary>To every tab of the caller: your call is ringing.</summary>
    Ringing,

    /// <summary>To the user's call socket: connect the media (role and credentials).</summary>
    Proceed,

    /// <summary>To the call sockets: both joined, the timer runs.</summary>
    Started,

    /// <summary>To every tab of the away user: you may rejoin until your deadline.</summary>
    Interrupted,

    /// <summary>To the other participant's call socket: the peer went away.</summary>
    PeerInterrupted,

    /// <summary>To the rejoiner's call socket: you are back (fresh media).</summary>
    Rejoined,

    /// <summary>To the other participant's call socket: the peer is back.</summary>
    PeerRejoined,

    /// <summary>To every tab of both users: the call ended, then clear the call from the screen.</summary>
    Ended,

    /// <summary>To every tab of both users but the call sockets: the call was answered on another tab.</summary>
    AnsweredElsewhere,

    /// <summary>To every tab of the user: the balance changed.</summary>
    WalletUpdated,
}
