namespace Toki.Calls.Domain;

/// <summary>Decides a <c>call:request</c>: the checks in the contract's order, then a ringing call. Pure.</summary>
public static class CallFactory
{
    public static TransitionResult Create(CallRequest request, CallContext context)
    {
        var caller = request.Caller;
        if (request.CalleeId == caller.Id)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.SelfCall, "You cannot call yourself."));
        }
        if (request.Callee is not { } callee)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.UserNotFound, "No user with that id."));
        }
        if (request.CallerBusy)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.CallerBusy, "You are already in a call."));
        }
        if (request.CalleeBusy)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.CalleeBusy, "The callee is in another call."));
        }
        if (!request.CalleeOnline)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.CalleeOffline, "The callee is not online."));
        }
        var settings = context.Settings;
        if (caller.Coins < settings.RatePerMinute)
        {
            return TransitionResult.Refused(new CallError(CallErrorCode.InsufficientCoins,
                $"A call needs at least {settings.RatePerMinute} coins (one minute)."));
        }

        var now = context.Now;
        var call = new CallRecord
        {
            Id = request.CallId,
            CallerId = caller.Id,
            CalleeId = callee.Id,
            CallerName = caller.Name,
            CalleeName = callee.Name,
            Type = request.Type,
            Status = CallStatus.Pending,
            CreatedAt = now,
            RingDeadline = now + settings.RingTimeout,
            DurationLimitSec = Billing.DurationLimitSeconds(caller.Coins, settings.RatePerMinute, settings.MaxDuration),
            RatePerMinute = settings.RatePerMinute,
            Version = 1,
        };
        return new TransitionResult
        {
            Next = call,
            Users = [new UserPatch(caller.Id, call.Id, OnCall: true), new UserPatch(callee.Id, call.Id, OnCall: true)],
            Effects =
            [
                new CallEffect.AssignCallSocket(caller.Id, request.CallerSocketId),
                new CallEffect.Notify(CallNoticeKind.Incoming, callee.Id),
                new CallEffect.Notify(CallNoticeKind.Ringing, caller.Id),
            ],
        };
    }
}
