namespace Toki.Calls.Domain;

/// <summary>The error codes of the wire contract, in acks as <c>{ ok: false, error: { code, message } }</c>.</summary>
public static class CallErrorCode
{
    public const string InvalidPayload = "invalid_payload";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UserNotFound = "user_not_found";
    public const string SelfCall = "self_call";
    public const string CalleeOffline = "callee_offline";
    public const string CalleeBusy = "callee_busy";
    public const string CallerBusy = "caller_busy";
    public const string InsufficientCoins = "insufficient_coins";
    public const string CallNotFound = "call_not_found";
    public const string NotParticipant = "not_participant";
    public const string NotAllowed = "not_allowed";
    public const string InvalidState = "invalid_state";
    public const string CallEnded = "call_ended";
    public const string NotInterrupted = "not_interrupted";
    public const string RejoinUsed = "rejoin_used";
    public const string RejoinExpired = "rejoin_expired";
    public const string RateLimited = "rate_limited";
    public const string UnknownEvent = "unknown_event";
    public const string Internal = "internal";
}
