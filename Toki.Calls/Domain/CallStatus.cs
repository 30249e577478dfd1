namespace Toki.Calls.Domain;

public enum CallStatus
{
    /// <summary>Ringing.</summary>
    Pending,

    /// <summary>Answered; media connecting, timer not started.</summary>
    Accepted,

    /// <summary>Both sides joined the media; the timer runs.</summary>
    Active,

    /// <summary>At least one side is away (soft end or disconnect); the timer is paused.</summary>
    Interrupted,

    Ended,
    Missed,
    Rejected,
    Cancelled,
}
