namespace Toki.Calls.Domain;

public static partial class CallTransitions
{
    /// <summary>A timer fired: end the call for whichever deadline on the record has passed.</summary>
    private static TransitionResult DeadlinesDue(CallRecord call, CallContext context)
    {
        var now = context.Now;
        return call.Status switch
        {
            CallStatus.Pending when call.RingDeadline <= now =>
                HardEnd(call, CallStatus.Missed, CallEndReason.NoAnswer, null, "ring-timeout", context),
            CallStatus.Accepted when call.ConnectDeadline <= now =>
                HardEnd(call, CallStatus.Ended, CallEndReason.ConnectTimeout, null, "connect-timeout", context),
            CallStatus.Active when call.EndsAt <= now =>
                HardEnd(call, CallStatus.Ended, CallEndReason.Completed, null, "duration-limit", context),
            CallStatus.Interrupted when call.RejoinDeadline <= now =>
                HardEnd(call, CallStatus.Ended, CallEndReason.RejoinTimeout, null, "rejoin-timeout", context),
            _ => TransitionResult.Unchanged(),
        };
    }
}
