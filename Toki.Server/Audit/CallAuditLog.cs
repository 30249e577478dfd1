using System.Globalization;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Audit;

/// <summary>
/// The call audit log: one structured line per committed call transition, on the logger category
/// <see cref="Category"/>, which NLog routes to a target of its own (<see cref="Hosting.LoggingSetup"/>). Read in
/// order, the lines of one call id replay it: who did what, from which status to which, the end decision's inputs, and
/// what was billed.
/// </summary>
internal sealed partial class CallAuditLog(ILoggerFactory loggerFactory) : ICallObserver
{
    public const string Category = "Toki.Audit.Calls";

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);

    public void OnTransition(CallTransition transition)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var call = transition.Current;
        var decision = transition.Decision;
        Log.Transition(_logger, call.Id, transition.Previous?.Status.ToWire() ?? "none", call.Status.ToWire(), call.Version,
            transition.Action, transition.ActorKind, transition.ActorId, call.EndReason, decision?.Trigger, decision?.Verdict,
            decision?.RemainingMs, decision?.RejoinAlreadyUsed, decision?.UserAlreadyAway, call.ActiveMs, call.BilledSeconds,
            call.CoinsCharged, call.HoldCoins, Ledger(transition.Ledger), call.CallerId, call.CalleeId, transition.Note,
            transition.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>The ledger entries as <c>kind:user:amount</c>, comma separated (empty when none).</summary>
    internal static string Ledger(IReadOnlyList<LedgerEntry> entries) =>
        string.Join(",", entries.Select(entry =>
            $"{entry.Kind.ToString().ToLowerInvariant()}:{entry.UserId}:{entry.Amount.ToString(CultureInfo.InvariantCulture)}"));

    private static partial class Log
    {
        [LoggerMessage(601, LogLevel.Information,
            "Call {CallId}: {From} -> {To} (version {Version}) on {Action} by {ActorKind} {ActorId}; reason {Reason}; decision {Trigger}/{Verdict} " +
            "remaining {RemainingMs} ms, rejoin used {RejoinUsed}, already away {AlreadyAway}; active {ActiveMs} ms, billed {BilledSeconds} s, " +
            "charged {CoinsCharged}, hold {HoldCoins}; ledger [{Ledger}]; caller {CallerId}, callee {CalleeId}; note {Note}; at {At}.",
            EventName = "CallTransition")]
        public static partial void Transition(ILogger logger, string callId, string from, string to, long version, string action, string actorKind,
            string? actorId, string? reason, string? trigger, string? verdict, long? remainingMs, bool? rejoinUsed, bool? alreadyAway, long activeMs,
            int billedSeconds, long coinsCharged, long holdCoins, string ledger, string callerId, string calleeId, string? note, string at);
    }
}
