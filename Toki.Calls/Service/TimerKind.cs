namespace Toki.Calls.Service;

internal enum TimerKind
{
    /// <summary>The earliest deadline on a call record (ring, connect, duration limit, rejoin).</summary>
    CallDeadline,

    /// <summary>The time warning of a running call.</summary>
    TimeWarning,

    /// <summary>A user's disconnect grace.</summary>
    DisconnectGrace,
}
