namespace Toki.Calls.Domain;

/// <summary>The inputs and verdict of one end decision, logged as "Call end decision".</summary>
public sealed record EndDecision(
    string CallId,
    string? UserId,
    string Trigger,
    CallStatus From,
    long RemainingMs,
    bool RejoinAlreadyUsed,
    bool UserAlreadyAway,
    string Verdict,
    string? Reason);
