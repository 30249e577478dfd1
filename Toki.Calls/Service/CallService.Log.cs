using Microsoft.Extensions.Logging;
using Toki.Calls.Domain;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    private void LogDecision(EndDecision decision) =>
        Log.CallEndDecision(_logger, decision.CallId, decision.UserId, decision.Trigger, decision.From.ToWire(), decision.RemainingMs,
            decision.RejoinAlreadyUsed, decision.UserAlreadyAway, decision.Verdict, decision.Reason);

    private static partial class Log
    {
        [LoggerMessage(301, LogLevel.Information, "Call end decision: call {CallId}, user {UserId}, trigger {Trigger}, from {FromStatus}, remaining {RemainingMs} ms, rejoin used {RejoinUsed}, already away {AlreadyAway} => {Verdict} ({Reason}).", EventName = "CallEndDecision")]
        public static partial void CallEndDecision(ILogger logger, string callId, string? userId, string trigger, string fromStatus, long remainingMs, bool rejoinUsed, bool alreadyAway, string verdict, string? reason);

        [LoggerMessage(302, LogLevel.Information, "Call {CallId} settled: {Status} ({Reason}), caller {CallerId}, callee {CalleeId}, active {ActiveMs} ms, billed {BilledSeconds} s, charged {CoinsCharged} coins, hold {HoldCoins} released.", EventName = "CallSettled")]
        public static partial void CallSettled(ILogger logger, string callId, string status, string? reason, string callerId, string calleeId, long activeMs, int billedSeconds, long coinsCharged, long holdCoins);

        [LoggerMessage(303, LogLevel.Information, "Ledger step {Step} for call {CallId}: user {UserId}, {Amount} coins (key {Key}).", EventName = "LedgerStep")]
        public static partial void LedgerStep(ILogger logger, string callId, string step, string userId, long amount, string key);

        [LoggerMessage(304, LogLevel.Information, "Rejoin outcome for call {CallId}, user {UserId}: {Outcome}.", EventName = "RejoinOutcome")]
        public static partial void RejoinOutcome(ILogger logger, string callId, string userId, string outcome);

        [LoggerMessage(305, LogLevel.Information, "Call {CallId} requested by {CallerId} to {CalleeId} ({Type}, provisional limit {LimitSeconds} s).", EventName = "CallRequested")]
        public static partial void CallRequested(ILogger logger, string callId, string callerId, string calleeId, string type, int limitSeconds);

        [LoggerMessage(306, LogLevel.Information, "Call request from {CallerId} to {CalleeId} refused: {Code}.", EventName = "RequestRefused")]
        public static partial void RequestRefused(ILogger logger, string callerId, string calleeId, string code);

        [LoggerMessage(307, LogLevel.Debug, "Call {CallId} changed under us (version {Version}); attempt {Attempt} retries.", EventName = "CommitConflict")]
        public static partial void CommitConflict(ILogger logger, string callId, long version, int attempt);

        [LoggerMessage(308, LogLevel.Error, "Call {CallId} kept changing; gave up after {Attempts} attempts.", EventName = "CommitGaveUp")]
        public static partial void CommitGaveUp(ILogger logger, string callId, int attempts);

        [LoggerMessage(309, LogLevel.Error, "A timer action for {Id} failed after its retries; it will be tried again.", EventName = "TimerActionFailed")]
        public static partial void TimerActionFailed(ILogger logger, string id, Exception exception);

        [LoggerMessage(310, LogLevel.Error, "A background call action failed.", EventName = "BackgroundActionFailed")]
        public static partial void BackgroundActionFailed(ILogger logger, Exception exception);

        [LoggerMessage(311, LogLevel.Information, "User {UserId} stayed disconnected past the grace during call {CallId} ({Status}).", EventName = "UserGone")]
        public static partial void UserGone(ILogger logger, string userId, string callId, string status);

        [LoggerMessage(312, LogLevel.Information, "Call service started: {LiveCalls} live call(s) re-armed.", EventName = "Restarted")]
        public static partial void Restarted(ILogger logger, int liveCalls);

        [LoggerMessage(313, LogLevel.Debug, "Time warning for call {CallId}: {RemainingSeconds} s left.", EventName = "TimeWarningSent")]
        public static partial void TimeWarningSent(ILogger logger, string callId, int remainingSeconds);

        [LoggerMessage(314, LogLevel.Debug, "Call socket of user {UserId} in call {CallId} moved from {Previous} to {Current}.", EventName = "CallSocketMoved")]
        public static partial void CallSocketMoved(ILogger logger, string callId, string userId, string? previous, string current);

        [LoggerMessage(318, LogLevel.Error, "The call observer failed on a transition of call {CallId}; the transition stands.", EventName = "ObserverFailed")]
        public static partial void ObserverFailed(ILogger logger, string callId, Exception exception);

        [LoggerMessage(315, LogLevel.Warning, "User {UserId} was flagged as on a call without any live call; the flag was cleared.", EventName = "StaleOnCallCleared")]
        public static partial void StaleOnCallCleared(ILogger logger, string userId);
    }
}
