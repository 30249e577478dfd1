namespace Toki.Calls.Domain;

/// <summary>An expected refusal: a wire error code and a human-readable message. Never an exception.</summary>
public sealed record CallError(string Code, string Message)
{
    public static CallError CallNotFound() => new(CallErrorCode.CallNotFound, "No call with that id.");

    public static CallError NotParticipant() => new(CallErrorCode.NotParticipant, "You are not a participant of this call.");

    public static CallError CallEnded() => new(CallErrorCode.CallEnded, "The call has already ended.");

    public static CallError NotAllowed(string message) => new(CallErrorCode.NotAllowed, message);

    public static CallError InvalidState(CallStatus status, string action) =>
        new(CallErrorCode.InvalidState, $"Cannot {action} a call that is {status.ToWire()}.");
}
