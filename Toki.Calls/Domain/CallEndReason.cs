namespace Toki.Calls.Domain;

/// <summary>Why a call reached a terminal status, as written on the record and sent to clients.</summary>
public static class CallEndReason
{
    public const string HungUp = "hung_up";
    public const string Disconnected = "disconnected";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string CallerDisconnected = "caller_disconnected";
    public const string NoAnswer = "no_answer";
    public const string ConnectTimeout = "connect_timeout";
    public const string Completed = "completed";
    public const string RejoinTimeout = "rejoin_timeout";
    public const string Cleared = "cleared";
    public const string InsufficientCoins = "insufficient_coins";
    public const string EndedByAdmin = "ended_by_admin";
}
