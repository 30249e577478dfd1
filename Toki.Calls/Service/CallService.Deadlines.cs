using Microsoft.Extensions.Logging;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    // A sweep reads again while its pages come back full, but never spins on calls that stay due.
    private const int MaxSweepPages = 10;
    private static readonly string NodeName = $"{Environment.MachineName}/{Environment.ProcessId}";
    private ITimer? _sweepTimer;
    private int _sweeping;

    /// <summary>Arms the periodic sweep for due deadlines (from <see cref="StartAsync"/>).</summary>
    private void StartDeadlineSweep()
    {
        var interval = _settings.DeadlineSweepInterval;
        _sweepTimer ??= _time.CreateTimer(static state => ((CallService)state!).OnSweepDue(), this, interval, interval);
    }

    private void OnSweepDue()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }
        Track(async () =>
        {
            try
            {
                await SweepDeadlinesAsync(CancellationToken.None);
            }
            finally
            {
                Volatile.Write(ref _sweeping, 0);
            }
        });
    }

    /// <summary>
    /// Applies every deadline the store says has passed, whichever server armed it: that server may have died. Any
    /// number of servers may do this at once; each deadline is applied through the call's compare-and-set, so exactly
    /// one of them settles the call and tells its participants. Answers how many calls this server ended.
    /// </summary>
    internal async Task<int> SweepDeadlinesAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        for (var page = 0; page < MaxSweepPages; page++)
        {
            IReadOnlyList<CallRecord> due;
            try
            {
                due = await _store.GetCallsDueAsync(_time.GetUtcNow(), _settings.DeadlineSweepBatch, cancellationToken);
            }
            catch (CallStoreUnavailableException exception)
            {
                Log.DeadlineSweepFailed(_logger, NodeName, exception);
                return applied;
            }
            var outcomes = await Task.WhenAll(due.Select(call => SweepOneAsync(call.Id)));
            applied += outcomes.Count(won => won);
            if (due.Count < _settings.DeadlineSweepBatch)
            {
                break;
            }
        }
        return applied;
    }

    /// <summary>Through the timer actions' resilience pipeline; a deadline that still fails is left to the next sweep.</summary>
    private async Task<bool> SweepOneAsync(string callId)
    {
        try
        {
            return await _timerPipeline.ExecuteAsync(
                async (id, cancellationToken) => await ApplyDeadlineAsync(id, DeadlineSource.Sweep, cancellationToken), callId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.TimerActionFailed(_logger, callId, exception);
            return false;
        }
    }

    /// <summary>
    /// The deadline decision: reads the call, lets the state machine apply whichever deadline has passed, and commits
    /// with the version read as the fencing token. A server that loses the compare-and-set commits nothing and sends
    /// nothing; it reads again, and finds the call either settled by the winner or changed so that no deadline is due.
    /// Answers whether this server applied the deadline.
    /// </summary>
    private async Task<bool> ApplyDeadlineAsync(string callId, DeadlineSource source, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(callId, cancellationToken);
        var command = new CallCommand.DeadlinesDue();
        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            var call = await _store.GetCallAsync(callId, cancellationToken);
            if (call is null)
            {
                return false;
            }
            var now = _time.GetUtcNow();
            var result = CallTransitions.Apply(call, command, new CallContext(now, _settings, null));
            if (result.Next is null)
            {
                Log.DeadlineNotDue(_logger, callId, SourceName(source), NodeName, call.Status.ToWire(), call.Version, call.NextDeadline);
                _metrics.Deadline(source, "not_due", null);
                Follow(call);
                return false;
            }
            var outcome = await CommitAsync(new CallCommit(result.Next, call.Version, result.Ledger, result.Users), cancellationToken);
            if (outcome.Kind != CommitOutcomeKind.Committed)
            {
                Log.DeadlineLostRace(_logger, callId, SourceName(source), NodeName, call.Version, attempt);
                _metrics.Deadline(source, "lost_race", null);
                continue;
            }
            var lateness = call.NextDeadline is { } deadline ? now - deadline : TimeSpan.Zero;
            Log.DeadlineApplied(_logger, callId, SourceName(source), NodeName, call.Status.ToWire(), result.Next.Status.ToWire(), result.Next.EndReason,
                call.Version, result.Next.Version, (long)lateness.TotalMilliseconds);
            _metrics.Deadline(source, "applied", lateness);
            await AfterCommitAsync(call, command, result, outcome, CancellationToken.None);
            return true;
        }
        Log.CommitGaveUp(_logger, callId, MaxCommitAttempts);
        return false;
    }

    /// <summary>
    /// Brings this server's view of a call it did not change itself (another server did) up to the store's: the
    /// live-call cache, the deadline timer and the time warning follow the stored record, and a call that is over is
    /// forgotten.
    /// </summary>
    private void Follow(CallRecord stored)
    {
        CacheLive(stored);
        if (stored.Status.IsTerminal())
        {
            _callSockets.ForgetCall(stored.Id, stored.CallerId, stored.CalleeId);
        }
        Reschedule(stored);
    }

    private static string SourceName(DeadlineSource source) => source == DeadlineSource.Timer ? "timer" : "sweep";

    private static partial class Log
    {
        [LoggerMessage(330, LogLevel.Information, "Deadline of call {CallId} applied by {Node} ({Source}): {FromStatus} => {ToStatus} ({Reason}), version {Version} => {NextVersion}, {LatenessMs} ms after the deadline.", EventName = "DeadlineApplied")]
        public static partial void DeadlineApplied(ILogger logger, string callId, string source, string node, string fromStatus, string toStatus, string? reason, long version, long nextVersion, long latenessMs);

        [LoggerMessage(331, LogLevel.Information, "Deadline of call {CallId}: {Node} ({Source}) lost the compare-and-set on version {Version} (attempt {Attempt}); it committed nothing and reads the call again.", EventName = "DeadlineLostRace")]
        public static partial void DeadlineLostRace(ILogger logger, string callId, string source, string node, long version, int attempt);

        [LoggerMessage(332, LogLevel.Debug, "Deadline of call {CallId}: nothing due for {Node} ({Source}); the call is {Status} at version {Version}, next deadline {NextDeadline}.", EventName = "DeadlineNotDue")]
        public static partial void DeadlineNotDue(ILogger logger, string callId, string source, string node, string status, long version, DateTimeOffset? nextDeadline);

        [LoggerMessage(333, LogLevel.Warning, "The deadline sweep of {Node} could not read the store; the next sweep tries again.", EventName = "DeadlineSweepFailed")]
        public static partial void DeadlineSweepFailed(ILogger logger, string node, Exception exception);
    }
}
