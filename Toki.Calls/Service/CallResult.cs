using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

/// <summary>
/// The answer to a client's action: a refusal, or the call it acted on with what the action adds (media, the
/// remaining time, who initiates). The gateway writes it as the acknowledgement.
/// </summary>
public abstract record CallResult
{
    private CallResult()
    {
    }

    public bool Ok => this is not Failed;

    public CallError? Error => this is Failed failed ? failed.Refusal : null;

    /// <summary>The call as it is after the action; null on a refusal and when there is no call to show.</summary>
    public abstract CallSnapshot? Call { get; }

    public static CallResult Failure(CallError error) => new Failed(error);

    public static CallResult Failure(string code, string message) => new Failed(new CallError(code, message));

    public static CallResult Success(CallSnapshot? call) => new Done(call);

    /// <summary>Refused; nothing changed.</summary>
    public sealed record Failed(CallError Refusal) : CallResult
    {
        public override CallSnapshot? Call => null;
    }

    /// <summary>Done: the call (or none).</summary>
    public sealed record Done(CallSnapshot? Snapshot) : CallResult
    {
        public override CallSnapshot? Call => Snapshot;
    }

    /// <summary>A rejoin: the same media and remaining time the rejoined notice carries.</summary>
    public sealed record Rejoined(CallSnapshot Snapshot, MediaCredentials? Media, int RemainingTime) : CallResult
    {
        public override CallSnapshot? Call => Snapshot;
    }

    /// <summary>
    /// A sync: the remaining time, fresh media (null while ringing or away) and, when this socket is the call socket,
    /// whether it creates the offer (null while ringing or away).
    /// </summary>
    public sealed record Synced(CallSnapshot Snapshot, int RemainingTime, MediaCredentials? Media, bool? Initiator) : CallResult
    {
        public override CallSnapshot? Call => Snapshot;
    }

    /// <summary>Fresh media credentials for a connected call.</summary>
    public sealed record Renewed(CallSnapshot Snapshot, MediaCredentials Media) : CallResult
    {
        public override CallSnapshot? Call => Snapshot;
    }
}
