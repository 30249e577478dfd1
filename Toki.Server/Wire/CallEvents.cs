using Toki.Calls.Domain;
using Toki.Calls.Notices;

namespace Toki.Server.Wire;

/// <summary>Which event carries each notice of the call service, and its payload (§4 of protocol.md).</summary>
internal static class CallEvents
{
    public const string State = "call:state";
    public const string Incoming = "call:incoming";
    public const string Ringing = "call:ringing";
    public const string Proceed = "call:proceed";
    public const string Started = "call:started";
    public const string Interrupted = "call:interrupted";
    public const string PeerInterrupted = "call:peer-interrupted";
    public const string Rejoined = "call:rejoined";
    public const string PeerRejoined = "call:peer-rejoined";
    public const string PeerResumed = "call:peer-resumed";
    public const string TimeWarning = "call:time-warning";
    public const string Ended = "call:ended";
    public const string ClearAll = "call:clear-all";
    public const string WalletUpdated = "wallet:updated";

    /// <summary>The reason of the <c>call:clear-all</c> that tells the other tabs a ringing call was answered.</summary>
    public const string AnsweredElsewhere = "answered_elsewhere";

    // What nearly every socket is told when it connects; the same bytes every time, so written once (SocketIORawJson is immutable).
    private static readonly WireEvent NoCallState = new(State, WireJson.Raw(new EventPayloads.State(null, null), WireJson.Context.State));

    public static WireEvent Encode(CallNotice notice)
    {
        var json = WireJson.Context;
        return notice switch
        {
            CallNotice.State { Call: null, You: null } => NoCallState,
            CallNotice.State n => new(State, WireJson.Raw(
                new EventPayloads.State(n.Call, n.You is { } you ? new EventPayloads.StateYou(you.Away, you.CanRejoin, you.RejoinDeadline) : null),
                json.State)),
            CallNotice.Incoming n => new(Incoming, WireJson.Raw(
                new EventPayloads.Incoming(n.CallId, n.CallerId, n.Caller, n.Type, n.ExpiresAt), json.Incoming)),
            CallNotice.Ringing n => new(Ringing, WireJson.Raw(new EventPayloads.Ringing(n.CallId, n.CalleeId, n.ExpiresAt), json.Ringing)),
            CallNotice.Proceed n => new(Proceed, WireJson.Raw(
                new EventPayloads.Proceed(n.CallId, n.Role == CallRole.Caller ? "caller" : "callee", n.Type, n.DurationLimit, n.RemainingTime, n.Media),
                json.Proceed)),
            CallNotice.Started n => new(Started, WireJson.Raw(new EventPayloads.Started(n.CallId, n.StartedAt, n.RemainingTime), json.Started)),
            CallNotice.Interrupted n => new(Interrupted, WireJson.Raw(
                new EventPayloads.Interrupted(n.CallId, n.RemainingTime, n.RejoinDeadline, n.CanRejoin), json.Interrupted)),
            CallNotice.PeerInterrupted n => new(PeerInterrupted, WireJson.Raw(
                new EventPayloads.PeerInterrupted(n.CallId, n.UserId, n.RemainingTime, n.RejoinDeadline), json.PeerInterrupted)),
            CallNotice.Rejoined n => new(Rejoined, WireJson.Raw(
                new EventPayloads.Rejoined(n.CallId, n.Status, n.Media, n.RemainingTime), json.Rejoined)),
            CallNotice.PeerRejoined n => new(PeerRejoined, WireJson.Raw(
                new EventPayloads.PeerRejoined(n.CallId, n.UserId, n.Status, n.RemainingTime), json.PeerRejoined)),
            CallNotice.PeerResumed n => new(PeerResumed, WireJson.Raw(new EventPayloads.PeerResumed(n.CallId, n.UserId, n.Initiator), json.PeerResumed)),
            CallNotice.TimeWarning n => new(TimeWarning, WireJson.Raw(new EventPayloads.TimeWarning(n.CallId, n.RemainingTime), json.TimeWarning)),
            CallNotice.Ended n => new(Ended, WireJson.Raw(
                new EventPayloads.Ended(n.CallId, n.Status, n.Reason, n.BilledSeconds, n.CoinsCharged, n.EndedAt), json.Ended)),
            CallNotice.Cleared n => new(ClearAll, WireJson.Raw(new EventPayloads.ClearAll(n.CallId, n.Reason), json.ClearAll)),
            CallNotice.AnsweredElsewhere n => new(ClearAll, WireJson.Raw(new EventPayloads.ClearAll(n.CallId, AnsweredElsewhere), json.ClearAll)),
            CallNotice.WalletUpdated n => new(WalletUpdated, WireJson.Raw(new EventPayloads.Wallet(n.Coins, n.HeldCoins, n.Earnings), json.Wallet)),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.GetType().Name, "A notice without an event."),
        };
    }
}
