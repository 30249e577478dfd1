using Microsoft.Extensions.Logging;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    private const int MaxCommitAttemptsWhileUnknown = 3;

    /// <summary>
    /// Commits, resolving an outcome the store could not confirm (<see cref="CallStoreOutcomeUnknownException"/>) by
    /// repeating the same commit: the store answers Committed for a commit that already landed, so the effects that
    /// follow run exactly once either way, and a call that did land is never left without its notifications and timers.
    /// A repeat that fails as unavailable leaves the first attempt's outcome unknown too, so it is repeated as well.
    /// After <see cref="MaxCommitAttemptsWhileUnknown"/> attempts the last failure goes up as an unknown outcome.
    /// </summary>
    private async Task<CommitOutcome> CommitAsync(CallCommit commit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = _time.GetTimestamp();
            try
            {
                var outcome = await _store.CommitAsync(commit, cancellationToken);
                if (outcome.Repeated && attempt == 1)
                {
                    // Not sent before, so not ours: another server committed an identical record (same command, same millisecond).
                    outcome = CommitOutcome.VersionConflict;
                }
                _metrics.Committed(_time.GetElapsedTime(started), outcome.Kind switch
                {
                    CommitOutcomeKind.Committed => "committed",
                    CommitOutcomeKind.VersionConflict => "version_conflict",
                    _ => "participant_busy",
                });
                if (attempt > 1)
                {
                    Log.CommitOutcomeResolved(_logger, commit.Call.Id, commit.Call.Version, outcome.Kind.ToString(), attempt);
                }
                return outcome;
            }
            catch (CallStoreUnavailableException exception) when (Failed(started, exception) && (exception is CallStoreOutcomeUnknownException || attempt > 1))
            {
                if (attempt == MaxCommitAttemptsWhileUnknown)
                {
                    if (exception is CallStoreOutcomeUnknownException)
                    {
                        throw;
                    }
                    throw new CallStoreOutcomeUnknownException(
                        $"Call {commit.Call.Id}: the store did not confirm version {commit.Call.Version} after {attempt} attempts.", exception);
                }
                Log.CommitOutcomeUnknown(_logger, commit.Call.Id, commit.Call.Version, attempt, exception);
            }
        }
    }

    /// <summary>Records a failed commit's time (as a filter, so it runs for every failure, rethrown or not); always true.</summary>
    private bool Failed(long started, Exception exception)
    {
        _metrics.Committed(_time.GetElapsedTime(started), exception is CallStoreOutcomeUnknownException ? "unknown" : "unavailable");
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(316, LogLevel.Warning, "Call {CallId}: the store did not confirm whether version {Version} was committed (attempt {Attempt}); the same commit is repeated.", EventName = "CommitOutcomeUnknown")]
        public static partial void CommitOutcomeUnknown(ILogger logger, string callId, long version, int attempt, Exception exception);

        [LoggerMessage(317, LogLevel.Information, "Call {CallId}: the repeated commit of version {Version} answered {Outcome} (attempt {Attempt}).", EventName = "CommitOutcomeResolved")]
        public static partial void CommitOutcomeResolved(ILogger logger, string callId, long version, string outcome, int attempt);
    }
}
